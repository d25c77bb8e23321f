import { REQUIRED_COLUMNS } from '../import/feed-columns';
import { orgCodeCheckChar, usccCheckChar } from '../import/uscc';

/**
 * Synthetic SME customers for the warehouse feed CSV, for demos and load tests. Deterministic:
 * each row is drawn from its own PRNG seeded by (seed, index), so row N is the same whatever
 * count or startIndex a run uses, and a million rows stream without being held in memory.
 */

/** The feed header, in the order the generator writes it. */
export const FEED_COLUMNS: readonly string[] = REQUIRED_COLUMNS;

export interface FeedGeneratorOptions {
  count: number;
  seed?: number;
  /** The feed's data date, `YYYY-MM-DD`; every lifecycle situation is relative to it. */
  asOf: string;
  /** Index of the first customer (customer_no = C + 10-digit index); default 1. */
  startIndex?: number;
}

// ---------------------------------------------------------------- reference data

interface City {
  name: string;
  province: string;
  /** Admin region codes (GB/T 2260): the city itself and, for big cities, some districts. */
  regions: readonly string[];
  areaCode: string;
  /** Subscriber-number length of the city's landlines. */
  landlineDigits: number;
  branch: string;
  weight: number;
}

// Big cities carry more weight; Urumqi is there so a few customers sit in another time zone.
const CITIES: readonly City[] = [
  { name: '北京', province: '北京', regions: ['110000', '110101', '110102', '110105', '110106', '110108'], areaCode: '010', landlineDigits: 8, branch: 'BR001', weight: 8 },
  { name: '上海', province: '上海', regions: ['310000', '310101', '310104', '310105', '310112', '310115'], areaCode: '021', landlineDigits: 8, branch: 'BR002', weight: 8 },
  { name: '天津', province: '天津', regions: ['120000'], areaCode: '022', landlineDigits: 8, branch: 'BR003', weight: 3 },
  { name: '重庆', province: '重庆', regions: ['500000'], areaCode: '023', landlineDigits: 8, branch: 'BR004', weight: 3 },
  { name: '广州', province: '广东', regions: ['440100', '440103', '440104', '440106', '440111', '440113'], areaCode: '020', landlineDigits: 8, branch: 'BR005', weight: 6 },
  { name: '佛山', province: '广东', regions: ['440600'], areaCode: '0757', landlineDigits: 8, branch: 'BR005', weight: 2 },
  { name: '珠海', province: '广东', regions: ['440400'], areaCode: '0756', landlineDigits: 7, branch: 'BR005', weight: 1 },
  { name: '深圳', province: '广东', regions: ['440300', '440303', '440304', '440305', '440306', '440307'], areaCode: '0755', landlineDigits: 8, branch: 'BR006', weight: 7 },
  { name: '东莞', province: '广东', regions: ['441900'], areaCode: '0769', landlineDigits: 8, branch: 'BR006', weight: 3 },
  { name: '杭州', province: '浙江', regions: ['330100', '330102', '330105', '330106', '330108', '330110'], areaCode: '0571', landlineDigits: 8, branch: 'BR007', weight: 6 },
  { name: '绍兴', province: '浙江', regions: ['330600'], areaCode: '0575', landlineDigits: 8, branch: 'BR007', weight: 1.5 },
  { name: '嘉兴', province: '浙江', regions: ['330400'], areaCode: '0573', landlineDigits: 8, branch: 'BR007', weight: 1.5 },
  { name: '金华', province: '浙江', regions: ['330700'], areaCode: '0579', landlineDigits: 8, branch: 'BR007', weight: 1.5 },
  { name: '宁波', province: '浙江', regions: ['330200'], areaCode: '0574', landlineDigits: 8, branch: 'BR008', weight: 3 },
  { name: '温州', province: '浙江', regions: ['330300'], areaCode: '0577', landlineDigits: 8, branch: 'BR008', weight: 2 },
  { name: '台州', province: '浙江', regions: ['331000'], areaCode: '0576', landlineDigits: 8, branch: 'BR008', weight: 1.5 },
  { name: '南京', province: '江苏', regions: ['320100'], areaCode: '025', landlineDigits: 8, branch: 'BR009', weight: 3 },
  { name: '常州', province: '江苏', regions: ['320400'], areaCode: '0519', landlineDigits: 8, branch: 'BR009', weight: 1.5 },
  { name: '南通', province: '江苏', regions: ['320600'], areaCode: '0513', landlineDigits: 8, branch: 'BR009', weight: 1.5 },
  { name: '苏州', province: '江苏', regions: ['320500'], areaCode: '0512', landlineDigits: 8, branch: 'BR010', weight: 4 },
  { name: '无锡', province: '江苏', regions: ['320200'], areaCode: '0510', landlineDigits: 8, branch: 'BR010', weight: 2 },
  { name: '成都', province: '四川', regions: ['510100'], areaCode: '028', landlineDigits: 8, branch: 'BR011', weight: 4 },
  { name: '贵阳', province: '贵州', regions: ['520100'], areaCode: '0851', landlineDigits: 8, branch: 'BR011', weight: 1 },
  { name: '昆明', province: '云南', regions: ['530100'], areaCode: '0871', landlineDigits: 8, branch: 'BR011', weight: 1.5 },
  { name: '武汉', province: '湖北', regions: ['420100'], areaCode: '027', landlineDigits: 8, branch: 'BR012', weight: 3 },
  { name: '长沙', province: '湖南', regions: ['430100'], areaCode: '0731', landlineDigits: 8, branch: 'BR012', weight: 2 },
  { name: '南昌', province: '江西', regions: ['360100'], areaCode: '0791', landlineDigits: 8, branch: 'BR012', weight: 1 },
  { name: '西安', province: '陕西', regions: ['610100'], areaCode: '029', landlineDigits: 8, branch: 'BR013', weight: 2 },
  { name: '兰州', province: '甘肃', regions: ['620100'], areaCode: '0931', landlineDigits: 7, branch: 'BR013', weight: 0.8 },
  { name: '太原', province: '山西', regions: ['140100'], areaCode: '0351', landlineDigits: 7, branch: 'BR013', weight: 1 },
  { name: '郑州', province: '河南', regions: ['410100'], areaCode: '0371', landlineDigits: 8, branch: 'BR014', weight: 2 },
  { name: '石家庄', province: '河北', regions: ['130100'], areaCode: '0311', landlineDigits: 8, branch: 'BR014', weight: 1.5 },
  { name: '呼和浩特', province: '内蒙古', regions: ['150100'], areaCode: '0471', landlineDigits: 7, branch: 'BR014', weight: 0.6 },
  { name: '济南', province: '山东', regions: ['370100'], areaCode: '0531', landlineDigits: 8, branch: 'BR015', weight: 2 },
  { name: '青岛', province: '山东', regions: ['370200'], areaCode: '0532', landlineDigits: 8, branch: 'BR015', weight: 2 },
  { name: '烟台', province: '山东', regions: ['370600'], areaCode: '0535', landlineDigits: 7, branch: 'BR015', weight: 1 },
  { name: '合肥', province: '安徽', regions: ['340100'], areaCode: '0551', landlineDigits: 8, branch: 'BR016', weight: 2 },
  { name: '福州', province: '福建', regions: ['350100'], areaCode: '0591', landlineDigits: 8, branch: 'BR017', weight: 1.5 },
  { name: '厦门', province: '福建', regions: ['350200'], areaCode: '0592', landlineDigits: 7, branch: 'BR017', weight: 2 },
  { name: '泉州', province: '福建', regions: ['350500'], areaCode: '0595', landlineDigits: 8, branch: 'BR017', weight: 1.5 },
  { name: '沈阳', province: '辽宁', regions: ['210100'], areaCode: '024', landlineDigits: 8, branch: 'BR018', weight: 1.5 },
  { name: '大连', province: '辽宁', regions: ['210200'], areaCode: '0411', landlineDigits: 8, branch: 'BR018', weight: 1.5 },
  { name: '长春', province: '吉林', regions: ['220100'], areaCode: '0431', landlineDigits: 8, branch: 'BR018', weight: 1 },
  { name: '哈尔滨', province: '黑龙江', regions: ['230100'], areaCode: '0451', landlineDigits: 8, branch: 'BR018', weight: 1 },
  { name: '南宁', province: '广西', regions: ['450100'], areaCode: '0771', landlineDigits: 7, branch: 'BR019', weight: 1 },
  { name: '海口', province: '海南', regions: ['460100'], areaCode: '0898', landlineDigits: 8, branch: 'BR019', weight: 0.8 },
  { name: '乌鲁木齐', province: '新疆', regions: ['650100'], areaCode: '0991', landlineDigits: 7, branch: 'BR020', weight: 0.8 },
];

const TRADE_SYLLABLES = [
  ...'恒信瑞丰华盛鑫源达通宏泰隆昌兴嘉鼎晟祥福安康永乐中天海洋金银宝利汇聚远博创新智联合众诚德亿万佳美佰优卓越锦程东方启明润泽中科蓝图星辰未来正大元鸿运浩宇腾飞凯旋君宁和'
    + '益广益顺欣荣晨光弘毅骏驰尚品',
].filter((c, i, all) => all.indexOf(c) === i);

const INDUSTRIES = [
  '商贸', '贸易', '电子科技', '信息技术', '网络科技', '软件开发', '机械制造', '机电设备', '建筑工程', '装饰工程',
  '餐饮管理', '物流', '供应链管理', '服装', '纺织', '食品', '生物科技', '医疗器械', '文化传媒', '广告',
  '环保科技', '新材料', '汽车配件', '化工', '家具', '五金制品', '印刷', '包装材料', '农业开发', '企业管理咨询',
  '教育咨询', '电器', '光电科技', '塑胶制品', '实业', '建材', '酒店管理', '物业管理', '人力资源', '进出口',
];

const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡',
  '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金',
  '石', '廖', '贾', '夏', '韦', '付', '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '闫', '段', '雷', '侯',
];
const COMPOUND_SURNAMES = ['欧阳', '上官', '司马', '诸葛', '慕容'];
const GIVEN_CHARS = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文辉力斌波宁飞鹏红玉兰林峰志俊浩婷雪梅琳晶欣怡宇轩'
    + '子涵博文思远家豪晓东海燕春生德胜嘉怡佳琪丹凤云翔振宏',
].filter((c, i, all) => all.indexOf(c) === i);

// Mainland mobile prefixes in wide use; virtual-operator 170/171 and data-only ranges left out.
const MOBILE_PREFIXES = [
  ...['130', '131', '132', '133', '134', '135', '136', '137', '138', '139'].map((p) => [p, 4] as const),
  ...['150', '151', '152', '153', '155', '156', '157', '158', '159'].map((p) => [p, 3] as const),
  ...['180', '181', '182', '183', '184', '185', '186', '187', '188', '189'].map((p) => [p, 3] as const),
  ...['166', '177', '191', '193', '195', '198', '199'].map((p) => [p, 1] as const),
];

/** Next-tier threshold (fen) by current tier; tier 5 has none. */
const NEXT_TIER_FEN = [5_000_000, 20_000_000, 50_000_000, 200_000_000, 500_000_000];
/** Tier floor (fen): the balance a tier is normally earned with. */
const TIER_FLOOR_FEN = [0, 5_000_000, 20_000_000, 50_000_000, 200_000_000, 500_000_000];

const KEY_TIER = 3;
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const DAY_MS = 86_400_000;
// Organisation codes issued after the USCC reform (Oct 2015) take the "MA…" form.
const USCC_ERA_DAY = Date.UTC(2015, 9, 1) / DAY_MS;
const MAX_INDEX = 9_999_999_999;

// ---------------------------------------------------------------- lifecycle mix

type Situation = 'new' | 'dormant' | 'expiring' | 'nearUpgrade' | 'slipping' | 'noOnline' | 'ordinary';

// Each customer is built around one situation; overlaps come on top, so shares end up a bit higher.
const SITUATIONS: ReadonlyArray<readonly [Situation, number]> = [
  ['new', 0.12],
  ['dormant', 0.12],
  ['expiring', 0.12],
  ['nearUpgrade', 0.1],
  ['slipping', 0.06],
  // New accounts not yet online add ~4%, so fewer customers are built around this one.
  ['noOnline', 0.08],
  ['ordinary', 0.4],
];

const TIER_MIX_BASE = [0.34, 0.26, 0.18, 0.12, 0.07, 0.03];
const TIER_MIX_NEW = [0.72, 0.2, 0.08];
const TIER_MIX_DORMANT = [0.6, 0.25, 0.1, 0.04, 0.01];
const TIER_MIX_NEAR = [0.4, 0.3, 0.17, 0.09, 0.04];
const TIER_MIX_SLIPPING = [0, 0, 0, 0.6, 0.3, 0.1];

// ---------------------------------------------------------------- randomness

/** mulberry32, re-seeded per row so rows do not depend on each other. */
class Rng {
  private state = 0;

  reseed(state: number): void {
    this.state = state | 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

// murmur3 finaliser: spreads (seed, index) over the whole 32-bit state.
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

function rowSeed(seed: number, index: number): number {
  const lo = index >>> 0;
  const hi = Math.floor(index / 4294967296);
  return mix32(mix32(seed ^ 0x9e3779b9) ^ Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi + 1, 0x27d4eb2d));
}

/** Normalised running totals of weights, for a weighted pick by linear scan (lists are short). */
function cumulative(weights: readonly number[]): Float64Array {
  const total = weights.reduce((a, b) => a + b, 0);
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w / total;
    out[i] = sum;
  });
  out[out.length - 1] = 1;
  return out;
}

function weighted(rng: Rng, cum: Float64Array): number {
  const u = rng.next();
  for (let i = 0; i < cum.length; i++) if (u < cum[i]) return i;
  return cum.length - 1;
}

const CITY_CUM = cumulative(CITIES.map((c) => c.weight));
const SITUATION_CUM = cumulative(SITUATIONS.map(([, w]) => w));
const MOBILE_CUM = cumulative(MOBILE_PREFIXES.map(([, w]) => w));
const TIER_CUM_BASE = cumulative(TIER_MIX_BASE);
const TIER_CUM_NEW = cumulative(TIER_MIX_NEW);
const TIER_CUM_DORMANT = cumulative(TIER_MIX_DORMANT);
const TIER_CUM_NEAR = cumulative(TIER_MIX_NEAR);
const TIER_CUM_SLIPPING = cumulative(TIER_MIX_SLIPPING);

// ---------------------------------------------------------------- formatting

function parseAsOf(asOf: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== asOf) {
    throw new RangeError(`asOf must be a calendar date YYYY-MM-DD, got “${asOf}”`);
  }
  return ms / DAY_MS;
}

/** Day number → `YYYY-MM-DD`, memoised since a run only touches a few thousand distinct days. */
class DayFormatter {
  private readonly cache = new Map<number, string>();

  format(day: number): string {
    let text = this.cache.get(day);
    if (text === undefined) {
      text = new Date(day * DAY_MS).toISOString().slice(0, 10);
      this.cache.set(day, text);
    }
    return text;
  }
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Integer fen → yuan with exactly two decimals. */
function yuan(fen: number): string {
  const whole = Math.floor(fen / 100);
  return `${whole}.${pad2(fen - whole * 100)}`;
}

function digits(rng: Rng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += (rng.next() * 10) | 0;
  return out;
}

const YES_NO = (value: boolean): string => (value ? 'Y' : 'N');

// ---------------------------------------------------------------- one customer

function companyName(rng: Rng, city: City): string {
  const first = rng.int(TRADE_SYLLABLES.length);
  // Second syllable differs from the first: "恒恒" is not a trade name.
  const second = (first + 1 + rng.int(TRADE_SYLLABLES.length - 1)) % TRADE_SYLLABLES.length;
  const trade = TRADE_SYLLABLES[first] + TRADE_SYLLABLES[second];
  const industry = rng.pick(INDUSTRIES);
  const u = rng.next();
  const suffix = u < 0.8 ? '有限公司' : u < 0.95 ? '有限责任公司' : '股份有限公司';
  if (rng.chance(0.05)) return `${trade}（${city.name}）${industry}${suffix}`;
  const place = rng.chance(0.4) ? `${city.name}市` : city.name;
  return `${place}${trade}${industry}${suffix}`;
}

function personName(rng: Rng): string {
  const u = rng.next();
  // Squaring favours the common surnames at the head of the list.
  const surname = rng.chance(0.01) ? rng.pick(COMPOUND_SURNAMES) : SURNAMES[Math.floor(u * u * SURNAMES.length)];
  const given = rng.chance(0.3) ? rng.pick(GIVEN_CHARS) : rng.pick(GIVEN_CHARS) + rng.pick(GIVEN_CHARS);
  return surname + given;
}

function phone(rng: Rng, city: City): string {
  if (rng.chance(0.05)) {
    const number = String(2 + rng.int(6)) + digits(rng, city.landlineDigits - 1);
    const u = rng.next();
    if (u < 0.75) return `${city.areaCode}-${number}`;
    if (u < 0.9) return `(${city.areaCode})${number}`;
    return city.areaCode + number;
  }
  const prefix = MOBILE_PREFIXES[weighted(rng, MOBILE_CUM)][0];
  const rest = digits(rng, 8);
  // Written the many ways a warehouse feed carries them.
  const u = rng.next();
  if (u < 0.6) return prefix + rest;
  if (u < 0.7) return `${prefix} ${rest.slice(0, 4)} ${rest.slice(4)}`;
  if (u < 0.78) return `+86 ${prefix}-${rest.slice(0, 4)}-${rest.slice(4)}`;
  if (u < 0.85) return `86${prefix}${rest}`;
  if (u < 0.91) return `${prefix}-${rest.slice(0, 4)}-${rest.slice(4)}`;
  if (u < 0.96) return `+86${prefix}${rest}`;
  return `0086 ${prefix}${rest}`;
}

/** a·b mod m without leaving exact double range (a, b < m < 2^30). */
function mulMod(a: number, b: number, m: number): number {
  const hi = Math.floor(b / 32768);
  const lo = b - hi * 32768;
  return (((a * hi) % m) * 32768 + a * lo) % m;
}

const MODERN_SPACE = 31 ** 6;
const LEGACY_SPACE = 100_000_000;

/** Org-code body from the index through a bijection (multiplier coprime to the space), so codes are unique within a seed. */
function orgCode(index: number, seed: number, modern: boolean): string {
  let body: string;
  const shifted = index + (seed >>> 0);
  if (modern) {
    let n = mulMod(shifted % MODERN_SPACE, 548_503_681, MODERN_SPACE);
    body = 'MA';
    for (let i = 0; i < 6; i++) {
      body += USCC_ALPHABET[n % 31];
      n = Math.floor(n / 31);
    }
  } else {
    body = String(mulMod(shifted % LEGACY_SPACE, 61_803_399, LEGACY_SPACE)).padStart(8, '0');
  }
  return body + orgCodeCheckChar(body);
}

function uscc(index: number, seed: number, region: string, modern: boolean): string {
  // 9 = registered by industry & commerce, 1 = enterprise.
  const first17 = `91${region}${orgCode(index, seed, modern)}`;
  return first17 + usccCheckChar(first17);
}

/** A balance inside the tier's ordinary band, below the near-upgrade zone. */
function tierBalanceFen(rng: Rng, tier: number): number {
  if (tier >= 5) return Math.round(TIER_FLOOR_FEN[5] * (1 + 3 * rng.next() ** 2));
  const lo = TIER_FLOOR_FEN[tier];
  const hi = NEXT_TIER_FEN[tier] * 0.78;
  return Math.round(lo + (hi - lo) * rng.next() ** 1.3);
}

/** Days before asOf the account was opened, for accounts older than a month (up to ~15 years). */
function seasonedAge(rng: Rng): number {
  return 30 + Math.floor(rng.next() ** 1.6 * 5400);
}

interface Context {
  seed: number;
  asOfDay: number;
  days: DayFormatter;
}

function buildRow(rng: Rng, index: number, ctx: Context): string[] {
  const city = CITIES[weighted(rng, CITY_CUM)];
  const situation = SITUATIONS[weighted(rng, SITUATION_CUM)][0];

  let tier: number;
  switch (situation) {
    case 'new':
      tier = weighted(rng, TIER_CUM_NEW);
      break;
    case 'dormant':
      tier = weighted(rng, TIER_CUM_DORMANT);
      break;
    case 'nearUpgrade':
      tier = weighted(rng, TIER_CUM_NEAR);
      break;
    case 'slipping':
      tier = weighted(rng, TIER_CUM_SLIPPING);
      break;
    default:
      tier = weighted(rng, TIER_CUM_BASE);
  }

  // Ages in days before asOf; lastAge null = never transacted.
  let openedAge: number;
  let lastAge: number | null;
  let balanceFen: number;
  switch (situation) {
    case 'new':
      openedAge = rng.int(30);
      lastAge = rng.chance(0.35) ? null : rng.int(openedAge + 1);
      balanceFen = tierBalanceFen(rng, tier);
      break;
    case 'dormant':
      if (rng.chance(0.3)) {
        openedAge = 180 + rng.int(3000);
        lastAge = null;
      } else {
        lastAge = 180 + rng.int(1200);
        openedAge = lastAge + rng.int(2000);
      }
      // Idle low-tier accounts are mostly near empty; key customers keep their money in place.
      balanceFen = tier < KEY_TIER && rng.chance(0.6) ? (rng.chance(0.2) ? 0 : rng.int(300_000)) : tierBalanceFen(rng, tier);
      break;
    case 'slipping':
      lastAge = 30 + rng.int(121);
      openedAge = Math.max(seasonedAge(rng), lastAge + 30 + rng.int(365));
      // Below the tier's floor: the balance fell since the tier was earned (see priorBalanceYuan).
      balanceFen = Math.round(TIER_FLOOR_FEN[tier] * rng.between(0.55, 0.95));
      break;
    default:
      openedAge = seasonedAge(rng);
      // Key customers stay active unless slipping; a few smaller ones have gone quiet for a while.
      lastAge = tier < KEY_TIER && rng.chance(0.15) ? 30 + rng.int(141) : rng.int(30);
      lastAge = Math.min(lastAge, openedAge);
      balanceFen =
        situation === 'nearUpgrade' ? Math.round(NEXT_TIER_FEN[tier] * rng.between(0.805, 0.995)) : tierBalanceFen(rng, tier);
  }

  if (lastAge === null) {
    // Never transacted: nothing was ever paid in, so no balance and no tier.
    tier = 0;
    balanceFen = 0;
  }

  let points = 0;
  let expiresIn = 0;
  if (situation === 'expiring') {
    points = 100 + rng.int(500 + tier * 8000);
    expiresIn = 1 + rng.int(29);
  } else if (rng.chance(situation === 'new' ? 0.2 : 0.55)) {
    points = 1 + rng.int(500 + tier * 8000);
    expiresIn = 31 + rng.int(400);
  }

  const online = situation === 'noOnline' ? false : !rng.chance(situation === 'new' ? 0.35 : 0.02);
  const mobile = online && rng.chance(0.65);
  const payroll = rng.chance(0.15 + tier * 0.08);
  const loan = rng.chance(0.18 + tier * 0.05);
  const consentSms = rng.chance(0.85);
  const consentCall = rng.chance(0.75);

  const openedDay = ctx.asOfDay - openedAge;
  const region = rng.pick(city.regions);
  const days = ctx.days;
  return [
    `C${String(index).padStart(10, '0')}`,
    companyName(rng, city),
    uscc(index, ctx.seed, region, openedDay >= USCC_ERA_DAY),
    personName(rng),
    phone(rng, city),
    city.branch,
    city.province,
    days.format(openedDay),
    lastAge === null ? '' : days.format(ctx.asOfDay - lastAge),
    yuan(balanceFen),
    String(tier),
    tier < 5 ? yuan(NEXT_TIER_FEN[tier]) : '',
    String(points),
    points > 0 ? days.format(ctx.asOfDay + expiresIn) : '',
    YES_NO(online),
    YES_NO(mobile),
    YES_NO(payroll),
    YES_NO(loan),
    YES_NO(consentSms),
    YES_NO(consentCall),
  ];
}

// ---------------------------------------------------------------- public API

interface Plan {
  count: number;
  start: number;
  ctx: Context;
}

function plan(options: FeedGeneratorOptions): Plan {
  const { count, asOf } = options;
  const start = options.startIndex ?? 1;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  if (!Number.isSafeInteger(start) || start < 0 || start + count - 1 > MAX_INDEX) {
    throw new RangeError(`startIndex must keep customer numbers within 10 digits, got ${start}`);
  }
  return { count, start, ctx: { seed: (options.seed ?? 1) | 0, asOfDay: parseAsOf(asOf), days: new DayFormatter() } };
}

function* rows({ count, start, ctx }: Plan): Generator<string[]> {
  const rng = new Rng();
  for (let i = 0; i < count; i++) {
    const index = start + i;
    rng.reseed(rowSeed(ctx.seed, index));
    yield buildRow(rng, index, ctx);
  }
}

/** One array of FEED_COLUMNS.length values per customer, streamed. */
export function* generateFeedRows(options: FeedGeneratorOptions): Generator<string[]> {
  yield* rows(plan(options));
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV record (RFC 4180 quoting where needed), ending in `\n`. */
export function toCsvLine(values: readonly string[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) line += ',';
    line += NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
  }
  return `${line}\n`;
}

/** The whole feed file, header first, one line at a time. */
export function* generateFeedCsv(options: FeedGeneratorOptions): Generator<string> {
  // Options are checked before the header goes out, so bad ones fail before any output.
  const checked = plan(options);
  yield toCsvLine(FEED_COLUMNS);
  for (const row of rows(checked)) yield toCsvLine(row);
}

const COL_CUSTOMER_NO = FEED_COLUMNS.indexOf('customer_no');
const COL_BALANCE = FEED_COLUMNS.indexOf('avg_daily_balance');
const COL_TIER = FEED_COLUMNS.indexOf('tier');

/**
 * A plausible avg_daily_balance 30 days before this row, for writing an earlier feed. Slipping
 * key customers (tier ≥ 3 yet below their tier's floor, as the generator makes them) had 45–60%
 * more, i.e. they are down 31–38%; everyone else is within ±5%.
 */
export function priorBalanceYuan(row: string[]): string {
  const [whole, cents = '0'] = row[COL_BALANCE].split('.');
  const fen = Number(whole) * 100 + Number(cents.padEnd(2, '0').slice(0, 2));
  const tier = Number(row[COL_TIER]);
  // Keyed by customer, so the same row always gets the same history.
  let h = 0x811c9dc5;
  for (const ch of row[COL_CUSTOMER_NO]) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  const u = (mix32(h) >>> 0) / 4294967296;
  const slipping = tier >= KEY_TIER && tier <= 5 && fen < TIER_FLOOR_FEN[tier];
  const factor = slipping ? 1.45 + 0.15 * u : 0.95 + 0.1 * u;
  return yuan(Math.round(fen * factor));
}
