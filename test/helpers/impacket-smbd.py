#!/usr/bin/python3
"""A second SMB server implementation for the tests: impacket's SimpleSMBServer (Debian
python3-impacket), independent of Samba. It speaks SMB1 and SMB 2.0.2 and serves one share.

  impacket-smbd.py ADDRESS PORT SHARE_DIR MODE

MODE:
  open      no account configured: impacket lets anonymous and guest sessions in (the finding)
  guest-only  anonymous (null) sessions refused (anonymous_logon off), unknown users still let in as guest
  locked    one account (owner / a long password) configured: anonymous and unknown users are
            refused (the negative control for share listing)
  smb2only  like locked, and SMB1 negotiation refused (DialectIndex 0xFFFF), as a server with
            SMB1 switched off answers (the negative control for SMBv1: impacket has no switch for
            it, so the handler for SMB1 NEGOTIATE is replaced here)

Stops on SIGTERM, or by itself after MAX_SECONDS (default 600).
"""
import os
import signal
import sys

from impacket import smb, smbserver
from impacket.ntlm import compute_lmhash, compute_nthash
from impacket.nt_errors import STATUS_NOT_SUPPORTED


def refuse_smb1(conn_id, server, command, packet):
    answer = smb.SMBCommand(smb.SMB.SMB_COM_NEGOTIATE)
    answer['Parameters'] = b'\xff\xff'  # DialectIndex 0xFFFF: none of the offered dialects
    answer['Data'] = b''
    return [answer], None, STATUS_NOT_SUPPORTED


def main():
    address, port, share_dir, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    if mode not in ('open', 'guest-only', 'locked', 'smb2only'):
        raise SystemExit('MODE must be open, guest-only, locked or smb2only')
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    signal.alarm(int(os.environ.get('MAX_SECONDS', '600')))
    server = smbserver.SimpleSMBServer(listenAddress=address, listenPort=port)
    server.addShare('PUBLIC', share_dir, 'Family photos')
    server.setSMB2Support(True)
    server.setSMBChallenge('')
    server.setLogFile('')
    if mode == 'guest-only':
        config = server._SimpleSMBServer__smbConfig
        config.set('global', 'anonymous_logon', 'False')
        server._SimpleSMBServer__server.setServerConfig(config)
        server._SimpleSMBServer__server.processConfigFile()
    if mode in ('locked', 'smb2only'):
        password = 'Owner-only-7f3k2'
        server.addCredential('owner', 1000, compute_lmhash(password), compute_nthash(password))
    if mode == 'smb2only':
        server._SimpleSMBServer__server.hookSmbCommand(smb.SMB.SMB_COM_NEGOTIATE, refuse_smb1)
    server.start()


if __name__ == '__main__':
    main()
