export type Jurisdiction = { code: string; name: string; letter: string };
export type ProvinceSettings = { name: string; abbreviation: string; jurisdictions: Jurisdiction[] };

/**
 * Default province: 吉林省. Letters are the vehicle-plate letters used in
 * special-operations certificate numbers. 长白山管委会 has no national
 * division code; 229900 is this system's own code for it.
 */
export const DEFAULT_PROVINCE: ProvinceSettings = {
  name: '吉林省',
  abbreviation: '吉',
  jurisdictions: [
    { code: '220100', name: '长春市', letter: 'A' },
    { code: '220200', name: '吉林市', letter: 'B' },
    { code: '220300', name: '四平市', letter: 'C' },
    { code: '220400', name: '辽源市', letter: 'D' },
    { code: '220500', name: '通化市', letter: 'E' },
    { code: '220600', name: '白山市', letter: 'F' },
    { code: '220700', name: '松原市', letter: 'J' },
    { code: '220800', name: '白城市', letter: 'G' },
    { code: '222400', name: '延边朝鲜族自治州', letter: 'H' },
    { code: '220581', name: '梅河口市', letter: 'E' },
    { code: '229900', name: '长白山管委会', letter: 'K' },
  ],
};
