/**
 * Every UI string, Chinese first. `useT()` gives `t(key, vars)`; `useLang()` the language and its setter.
 * The choice is kept in localStorage (`cc.lang`); antd's own texts follow through ConfigProvider.
 */
import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

export type Lang = 'zh-CN' | 'en';
const LANG_KEY = 'cc.lang';

const zh = {
  'app.title': '远程银行外呼中心',
  'app.subtitle': '中小企业客户远程服务平台',

  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.usernameRequired': '请输入用户名',
  'login.passwordRequired': '请输入密码',
  'login.badCredentials': '用户名或密码错误',
  'login.tooMany': '尝试次数过多，请稍后再试',
  'login.notice': '仅限本行授权员工使用，所有操作均记录审计',

  'nav.customers': '客户',
  'nav.imports': '数据导入',
  'nav.users': '用户管理',
  'header.logout': '退出登录',
  'header.branch': '网点 {code}',
  'header.language': '界面语言',

  'role.admin': '系统管理员',
  'role.campaign_manager': '营销活动经理',
  'role.supervisor': '班组长',
  'role.agent': '坐席',

  'common.yes': '是',
  'common.no': '否',
  'common.none': '无',
  'common.retry': '重试',
  'common.reset': '重置',
  'common.cancel': '取消',
  'common.save': '保存',
  'common.refresh': '刷新',
  'common.loading': '加载中…',
  'common.total': '共 {total} 条',
  'common.actions': '操作',
  'common.optional': '选填',

  'error.network': '无法连接服务器，请检查网络后重试',
  'error.server': '服务器内部错误，请稍后再试',
  'error.forbiddenTitle': '无权访问',
  'error.forbidden': '您的角色没有访问此页面的权限',
  'error.notFound': '页面不存在',
  'error.backHome': '返回首页',
  'error.loadFailed': '加载失败',
  'error.session': '无法验证登录状态',

  'customers.title': '客户',
  'customers.searchPlaceholder': '客户号或企业名称',
  'customers.search': '查询',
  'customers.branch': '网点',
  'customers.branchPlaceholder': '网点代码',
  'customers.tier': '客户等级',
  'customers.tierAny': '全部等级',
  'customers.col.customerNo': '客户号',
  'customers.col.companyName': '企业名称',
  'customers.col.legalRep': '法定代表人',
  'customers.col.phone': '联系电话',
  'customers.col.branch': '网点',
  'customers.col.tier': '等级',
  'customers.col.avgBalance': '日均余额',
  'customers.col.openedAt': '开户日期',
  'customers.col.lastTxn': '最近交易',
  'customers.col.onlineBanking': '网银',
  'customers.neverTraded': '从未交易',
  'customers.empty': '暂无客户',
  'customers.activated': '已开通',
  'customers.notActivated': '未开通',
  'tier.value': '{n}级',

  'detail.back': '返回客户列表',
  'detail.notFound': '客户不存在，或不在您的权限范围内',
  'detail.profile': '客户信息',
  'detail.companyName': '企业名称',
  'detail.customerNo': '客户号',
  'detail.uscc': '统一社会信用代码',
  'detail.legalRep': '法定代表人',
  'detail.phone': '联系电话',
  'detail.branch': '网点',
  'detail.province': '省份',
  'detail.timeZone': '时区',
  'detail.openedAt': '开户日期',
  'detail.lastTxn': '最近交易',
  'detail.avgBalance': '日均余额',
  'detail.tier': '等级',
  'detail.nextTier': '升级门槛',
  'detail.points': '积分',
  'detail.pointsExpire': '积分到期',
  'detail.onlineBanking': '网银',
  'detail.mobileBanking': '手机银行',
  'detail.payroll': '代发工资',
  'detail.loan': '贷款',
  'detail.consentSms': '短信营销授权',
  'detail.consentCall': '电话营销授权',
  'detail.elderly': '适老化',
  'detail.riskFlags': '风险标记',
  'detail.feedDate': '数据日期',
  'detail.reveal': '显示完整号码',
  'detail.revealAudited': '本次查看已记录审计',
  'detail.consented': '已授权',
  'detail.notConsented': '未授权',
  'detail.active': '已开通',
  'detail.inactive': '未开通',
  'detail.timeline': '客户时间线',
  'detail.timelineEmpty': '暂无接触记录',

  'channel.sms': '短信',
  'channel.call': '电话',
  'channel.phone': '电话',
  'channel.voice': '电话',
  'channel.ai': '智能外呼',
  'channel.ai_call': '智能外呼',
  'channel.agent': '人工坐席',
  'channel.agent_call': '人工外呼',
  'channel.wechat': '微信',
  'channel.email': '邮件',
  'channel.branch': '网点',
  'channel.import': '数据导入',
  'channel.system': '系统',

  'imports.title': '数据导入',
  'imports.uploadTitle': '上传客户数据',
  'imports.dragText': '点击或将 CSV 文件拖拽到此区域',
  'imports.dragHint': '仅支持 .csv 格式，每次上传一个文件',
  'imports.onlyCsv': '请选择 .csv 格式的文件',
  'imports.asOf': '数据日期',
  'imports.asOfPlaceholder': '选填',
  'imports.start': '开始导入',
  'imports.uploading': '正在上传…',
  'imports.processing': '上传完成，服务器正在处理…',
  'imports.failed': '导入失败',
  'imports.succeeded': '导入完成',
  'imports.result': '导入结果',
  'imports.imported': '新增',
  'imports.updated': '更新',
  'imports.unchanged': '未变化',
  'imports.rejected': '拒绝',
  'imports.duration': '耗时',
  'imports.warnings': '提示',
  'imports.rejectedRows': '拒绝明细',
  'imports.col.line': '行号',
  'imports.col.field': '字段',
  'imports.col.reason': '原因',
  'imports.downloadRejections': '下载拒绝明细 (CSV)',
  'imports.rejectedTruncated': '此处显示前 {shown} 条，共 {total} 条；完整明细请下载 CSV',
  'imports.allAccepted': '所有数据行均已通过校验',
  'imports.history': '导入记录',
  'imports.historyEmpty': '暂无导入记录',
  'imports.col.file': '文件',
  'imports.col.source': '来源',
  'imports.col.asOf': '数据日期',
  'imports.col.status': '状态',
  'imports.col.startedAt': '开始时间',
  'imports.downloadShort': '拒绝明细',
  'imports.downloadFailed': '下载失败',
  'imports.source.upload': '手动上传',
  'imports.source.cli': '命令行',
  'imports.source.nightly': '夜间批量',
  'imports.source.demo': '演示数据',
  'imports.status.succeeded': '成功',
  'imports.status.failed': '失败',
  'imports.status.running': '进行中',

  'users.title': '用户管理',
  'users.create': '新建用户',
  'users.edit': '编辑',
  'users.editTitle': '编辑用户 {username}',
  'users.disable': '停用',
  'users.enable': '启用',
  'users.active': '启用',
  'users.disabled': '停用',
  'users.self': '当前登录',
  'users.empty': '暂无用户',
  'users.neverSignedIn': '从未登录',
  'users.col.username': '用户名',
  'users.col.displayName': '姓名',
  'users.col.role': '角色',
  'users.col.branch': '网点',
  'users.col.skills': '技能',
  'users.col.status': '状态',
  'users.col.lastLogin': '最近登录',
  'users.field.password': '密码',
  'users.field.newPassword': '重置密码',
  'users.field.newPasswordHint': '留空则不修改密码',
  'users.field.skillsHint': '输入技能后按回车添加',
  'users.field.rolePlaceholder': '请选择角色',
  'users.field.branchPlaceholder': '如 BR001',
  'users.rule.usernameRequired': '请输入用户名',
  'users.rule.username': '用户名为 3–64 位字母、数字、点、横线或下划线',
  'users.rule.passwordRequired': '请输入密码',
  'users.rule.password': '密码至少 8 位，且须同时包含字母和数字',
  'users.rule.role': '请选择角色',
  'users.rule.branch': '网点代码为 1–20 位字母或数字',
  'users.confirmDisable': '确定停用 {name}？停用后该用户将无法登录。',
  'users.confirmEnable': '确定启用 {name}？',
  'users.created': '用户已创建',
  'users.saved': '用户信息已保存',
  'users.nowDisabled': '用户已停用',
  'users.nowEnabled': '用户已启用',
};

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  'app.title': 'Remote Banking Contact Center',
  'app.subtitle': 'Remote service for SME customers',

  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.usernameRequired': 'Please enter your username',
  'login.passwordRequired': 'Please enter your password',
  'login.badCredentials': 'Incorrect username or password',
  'login.tooMany': 'Too many attempts, please try again later',
  'login.notice': 'For authorised bank staff only. All activity is audited.',

  'nav.customers': 'Customers',
  'nav.imports': 'Data import',
  'nav.users': 'Users',
  'header.logout': 'Sign out',
  'header.branch': 'Branch {code}',
  'header.language': 'Language',

  'role.admin': 'Administrator',
  'role.campaign_manager': 'Campaign manager',
  'role.supervisor': 'Supervisor',
  'role.agent': 'Agent',

  'common.yes': 'Yes',
  'common.no': 'No',
  'common.none': 'None',
  'common.retry': 'Retry',
  'common.reset': 'Reset',
  'common.cancel': 'Cancel',
  'common.save': 'Save',
  'common.refresh': 'Refresh',
  'common.loading': 'Loading…',
  'common.total': '{total} in total',
  'common.actions': 'Actions',
  'common.optional': 'Optional',

  'error.network': 'Cannot reach the server. Check your connection and try again.',
  'error.server': 'Server error, please try again later',
  'error.forbiddenTitle': 'Access denied',
  'error.forbidden': 'Your role does not have access to this page',
  'error.notFound': 'Page not found',
  'error.backHome': 'Back to home',
  'error.loadFailed': 'Failed to load',
  'error.session': 'Could not verify your session',

  'customers.title': 'Customers',
  'customers.searchPlaceholder': 'Customer no. or name',
  'customers.search': 'Search',
  'customers.branch': 'Branch',
  'customers.branchPlaceholder': 'Branch code',
  'customers.tier': 'Tier',
  'customers.tierAny': 'All tiers',
  'customers.col.customerNo': 'Customer no.',
  'customers.col.companyName': 'Company name',
  'customers.col.legalRep': 'Legal rep.',
  'customers.col.phone': 'Phone',
  'customers.col.branch': 'Branch',
  'customers.col.tier': 'Tier',
  'customers.col.avgBalance': 'Avg. daily balance',
  'customers.col.openedAt': 'Opened',
  'customers.col.lastTxn': 'Last transaction',
  'customers.col.onlineBanking': 'Online banking',
  'customers.neverTraded': 'Never',
  'customers.empty': 'No customers',
  'customers.activated': 'Active',
  'customers.notActivated': 'Inactive',
  'tier.value': 'Tier {n}',

  'detail.back': 'Back to customers',
  'detail.notFound': 'Customer not found, or outside your access',
  'detail.profile': 'Customer profile',
  'detail.companyName': 'Company name',
  'detail.customerNo': 'Customer no.',
  'detail.uscc': 'Unified social credit code',
  'detail.legalRep': 'Legal representative',
  'detail.phone': 'Phone',
  'detail.branch': 'Branch',
  'detail.province': 'Province',
  'detail.timeZone': 'Time zone',
  'detail.openedAt': 'Opened',
  'detail.lastTxn': 'Last transaction',
  'detail.avgBalance': 'Avg. daily balance',
  'detail.tier': 'Tier',
  'detail.nextTier': 'Next tier threshold',
  'detail.points': 'Points',
  'detail.pointsExpire': 'Points expire',
  'detail.onlineBanking': 'Online banking',
  'detail.mobileBanking': 'Mobile banking',
  'detail.payroll': 'Payroll service',
  'detail.loan': 'Loan',
  'detail.consentSms': 'SMS marketing consent',
  'detail.consentCall': 'Call marketing consent',
  'detail.elderly': 'Elderly-friendly',
  'detail.riskFlags': 'Risk flags',
  'detail.feedDate': 'Data as of',
  'detail.reveal': 'Show full number',
  'detail.revealAudited': 'This view has been audited',
  'detail.consented': 'Consented',
  'detail.notConsented': 'Not consented',
  'detail.active': 'Active',
  'detail.inactive': 'Inactive',
  'detail.timeline': 'Customer timeline',
  'detail.timelineEmpty': 'No contact history',

  'channel.sms': 'SMS',
  'channel.call': 'Call',
  'channel.phone': 'Call',
  'channel.voice': 'Call',
  'channel.ai': 'AI call',
  'channel.ai_call': 'AI call',
  'channel.agent': 'Agent',
  'channel.agent_call': 'Agent call',
  'channel.wechat': 'WeChat',
  'channel.email': 'Email',
  'channel.branch': 'Branch',
  'channel.import': 'Data import',
  'channel.system': 'System',

  'imports.title': 'Data import',
  'imports.uploadTitle': 'Upload customer data',
  'imports.dragText': 'Click or drag a CSV file to this area',
  'imports.dragHint': 'CSV files only, one file at a time',
  'imports.onlyCsv': 'Please choose a .csv file',
  'imports.asOf': 'Data as of',
  'imports.asOfPlaceholder': 'Optional',
  'imports.start': 'Start import',
  'imports.uploading': 'Uploading…',
  'imports.processing': 'Upload complete, processing on the server…',
  'imports.failed': 'Import failed',
  'imports.succeeded': 'Import completed',
  'imports.result': 'Import result',
  'imports.imported': 'New',
  'imports.updated': 'Updated',
  'imports.unchanged': 'No change',
  'imports.rejected': 'Rejected',
  'imports.duration': 'Duration',
  'imports.warnings': 'Warnings',
  'imports.rejectedRows': 'Rejected rows',
  'imports.col.line': 'Line',
  'imports.col.field': 'Field',
  'imports.col.reason': 'Reason',
  'imports.downloadRejections': 'Download rejected rows (CSV)',
  'imports.rejectedTruncated': 'Showing the first {shown} of {total}; download the CSV for all of them',
  'imports.allAccepted': 'Every row passed validation',
  'imports.history': 'Import history',
  'imports.historyEmpty': 'No imports yet',
  'imports.col.file': 'File',
  'imports.col.source': 'Source',
  'imports.col.asOf': 'Data as of',
  'imports.col.status': 'Status',
  'imports.col.startedAt': 'Started',
  'imports.downloadShort': 'Rejections',
  'imports.downloadFailed': 'Download failed',
  'imports.source.upload': 'Upload',
  'imports.source.cli': 'CLI',
  'imports.source.nightly': 'Nightly',
  'imports.source.demo': 'Demo data',
  'imports.status.succeeded': 'Succeeded',
  'imports.status.failed': 'Failed',
  'imports.status.running': 'Running',

  'users.title': 'Users',
  'users.create': 'New user',
  'users.edit': 'Edit',
  'users.editTitle': 'Edit user {username}',
  'users.disable': 'Disable',
  'users.enable': 'Enable',
  'users.active': 'Active',
  'users.disabled': 'Disabled',
  'users.self': 'You',
  'users.empty': 'No users',
  'users.neverSignedIn': 'Never',
  'users.col.username': 'Username',
  'users.col.displayName': 'Name',
  'users.col.role': 'Role',
  'users.col.branch': 'Branch',
  'users.col.skills': 'Skills',
  'users.col.status': 'Status',
  'users.col.lastLogin': 'Last sign-in',
  'users.field.password': 'Password',
  'users.field.newPassword': 'Reset password',
  'users.field.newPasswordHint': 'Leave blank to keep the current password',
  'users.field.skillsHint': 'Type a skill and press Enter',
  'users.field.rolePlaceholder': 'Choose a role',
  'users.field.branchPlaceholder': 'e.g. BR001',
  'users.rule.usernameRequired': 'Please enter a username',
  'users.rule.username': '3–64 letters, digits, dots, dashes or underscores',
  'users.rule.passwordRequired': 'Please enter a password',
  'users.rule.password': 'At least 8 characters, with both letters and digits',
  'users.rule.role': 'Please choose a role',
  'users.rule.branch': '1–20 letters or digits',
  'users.confirmDisable': 'Disable {name}? They will no longer be able to sign in.',
  'users.confirmEnable': 'Enable {name}?',
  'users.created': 'User created',
  'users.saved': 'User saved',
  'users.nowDisabled': 'User disabled',
  'users.nowEnabled': 'User enabled',
};

const dictionaries: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zh, en };

export type Vars = Record<string, string | number>;

export interface Translate {
  (key: MessageKey, vars?: Vars): string;
  /** For keys built from server values (channels, sources): the translation, or the fallback. */
  maybe(key: string, fallback: string): string;
}

function interpolate(text: string, vars?: Vars): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}

export function translator(lang: Lang): Translate {
  const dict = dictionaries[lang];
  const t = ((key: MessageKey, vars?: Vars) => interpolate(dict[key] ?? zh[key] ?? key, vars)) as Translate;
  t.maybe = (key, fallback) => (key in dict ? dict[key as MessageKey] : fallback);
  return t;
}

function initialLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

interface LangContextValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const LangContext = createContext<LangContextValue>({ lang: 'zh-CN', setLang: () => undefined, t: translator('zh-CN') });

function applyLang(lang: Lang): void {
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = lang;
  document.title = dictionaries[lang]['app.title'];
}

applyLang(initialLang());

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(LANG_KEY, next);
    } catch {
      /* the choice just won't survive a reload */
    }
    applyLang(next);
    setLangState(next);
  }, []);
  useEffect(() => applyLang(lang), [lang]);
  const value = useMemo(() => ({ lang, setLang, t: translator(lang) }), [lang, setLang]);
  return createElement(LangContext.Provider, { value }, children);
}

export function useT(): Translate {
  return useContext(LangContext).t;
}

export function useLang(): { lang: Lang; setLang: (lang: Lang) => void } {
  const { lang, setLang } = useContext(LangContext);
  return { lang, setLang };
}
