// The maker an IPP printer names in its IEEE 1284 device id (MFG), as evidence for a device whose
// MAC gave no vendor (an unregistered or private OUI, a print server's module). It never replaces
// the registry's vendor: the brand shown falls back to it (display-name.ts), the vendor field stays
// what the IEEE registry says.
import { defineIdentifier, type Identifier } from '../core/plugins.js';

export function createIppMakerIdentifier(): Identifier {
  return defineIdentifier({
    id: 'ipp-maker',
    description: 'Maker named by an IPP printer (printer-device-id MFG) when the MAC registry names none',
    identify(device) {
      if (device.vendor) return null;
      const said = device.services.find((s) => s.ipp?.make);
      if (!said?.ipp?.make) return null;
      const make = said.ipp.make.slice(0, 80);
      return {
        evidence: [{
          source: 'ipp-maker',
          detail: `IPP printer on port ${said.port} names its maker "${make}" (printer-device-id); the MAC registry names none`,
          detailJa: `${said.port} 番の IPP プリンターがメーカー「${make}」を名乗っています（printer-device-id）。MAC アドレスの登録簿にはメーカー名がありません`,
        }],
      };
    },
  });
}
