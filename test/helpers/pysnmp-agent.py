#!/usr/bin/python3
# A second, independent SNMP agent for the tests: pysnmp's real agent engine (Debian
# python3-pysnmp4), speaking ONLY SNMPv1/v2c — its SNMPv3 message processing model is removed, so
# a v3 discovery request is dropped (counted as snmpInBadVersions), as many printers' and small
# devices' agents do. Read-only and read-write communities from the command line, a sysDescr /
# sysObjectID / sysName of our choice. Loopback unless --host (the lab's namespaces); the port is the caller's.
#
#   pysnmp-agent.py PORT --ro COMMUNITY [--rw COMMUNITY] [--descr TEXT] [--object-id OID] [--name TEXT] [--v1-only]
#                   [--host ADDRESS]   (127.0.0.1 unless told: the lab binds it inside a device's namespace)
import argparse
import sys

from pysnmp.carrier.asyncore.dgram import udp
from pysnmp.entity import config, engine
from pysnmp.entity.rfc3413 import cmdrsp, context
from pysnmp.proto.mpmod.rfc2576 import SnmpV2cMessageProcessingModel
from pysnmp.proto.mpmod.rfc3412 import SnmpV3MessageProcessingModel

parser = argparse.ArgumentParser()
parser.add_argument('port', type=int)
parser.add_argument('--ro', action='append', default=[])
parser.add_argument('--rw', action='append', default=[])
parser.add_argument('--descr', default='pysnmp test agent')
parser.add_argument('--object-id', default='1.3.6.1.4.1.20408')
parser.add_argument('--name', default='pysnmp-agent')
parser.add_argument('--host', default='127.0.0.1', help='address to listen on (a lab namespace uses 0.0.0.0)')
parser.add_argument('--v1-only', action='store_true', help='drop v2c too, like old print servers')
args = parser.parse_args()

snmp_engine = engine.SnmpEngine()
# v1/v2c only: without the v3 message processing model the engine drops every v3 message.
del snmp_engine.messageProcessingSubsystems[SnmpV3MessageProcessingModel.messageProcessingModelID]
if args.v1_only:
    del snmp_engine.messageProcessingSubsystems[SnmpV2cMessageProcessingModel.messageProcessingModelID]

config.addTransport(snmp_engine, udp.domainName, udp.UdpTransport().openServerMode((args.host, args.port)))
WHOLE_TREE = (1, 3, 6)
for index, community in enumerate(args.ro):
    area = f'ro-{index}'
    config.addV1System(snmp_engine, area, community)
    for model in (1, 2):  # security models SNMPv1 and SNMPv2c
        config.addVacmUser(snmp_engine, model, area, 'noAuthNoPriv', WHOLE_TREE)
for index, community in enumerate(args.rw):
    area = f'rw-{index}'
    config.addV1System(snmp_engine, area, community)
    for model in (1, 2):
        config.addVacmUser(snmp_engine, model, area, 'noAuthNoPriv', WHOLE_TREE, WHOLE_TREE)

snmp_context = context.SnmpContext(snmp_engine)
builder = snmp_context.getMibInstrum().getMibBuilder()
descr, object_id, name = builder.importSymbols('__SNMPv2-MIB', 'sysDescr', 'sysObjectID', 'sysName')
descr.syntax = descr.syntax.clone(args.descr)
object_id.syntax = object_id.syntax.clone(tuple(int(arc) for arc in args.object_id.strip('.').split('.')))
name.syntax = name.syntax.clone(args.name)

cmdrsp.GetCommandResponder(snmp_engine, snmp_context)
cmdrsp.NextCommandResponder(snmp_engine, snmp_context)
cmdrsp.BulkCommandResponder(snmp_engine, snmp_context)
cmdrsp.SetCommandResponder(snmp_engine, snmp_context)  # the rw community can write; our tests never SET

print(f'listening {args.host}:{args.port}', flush=True)
snmp_engine.transportDispatcher.jobStarted(1)
try:
    snmp_engine.transportDispatcher.runDispatcher()
except KeyboardInterrupt:
    sys.exit(0)
finally:
    snmp_engine.transportDispatcher.closeDispatcher()
