import type { DigestTemplates } from './types.ts';

const pct = (p: number) => `${Math.round(p * 100)}%`;
/** Russian plural forms: one (1, 21), few (2–4, 22–24), many (5–20, 25…). */
function plural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}
const hours = (h: number) => {
  if (h >= 48) {
    const d = Math.round(h / 24);
    return `${d} ${plural(d, 'день', 'дня', 'дней')}`;
  }
  const r = Math.round(h);
  return `${r} ч`;
};
const ACTIONS: Record<string, string> = {
  create_or_update_task: 'Создана задача',
  send_message: 'Отправлено сообщение',
  set_reminder: 'Поставлено напоминание',
};

export const RU: DigestTemplates = {
  sectionTitles: {
    what_changed: 'Что изменилось',
    new_risks: 'Новые риски',
    cleared_risks: 'Снятые риски',
    forecast_movers: 'Изменения прогноза',
    waiting_clients: 'Клиенты ждут ответа',
    actions_done: 'Сделано',
  },
  item: {
    score_move: (f) => `${f.score === 'health' ? 'Здоровье' : 'Риск'} ${f.from} → ${f.to}`,
    risk_new: (f) => f.sentence,
    risk_cleared: (f) => `Снят: ${f.title}`,
    forecast_move: (f) => `Риск на 14 дней ${pct(f.from)} → ${pct(f.to)}`,
    waiting_client: (f) =>
      `${f.contact ?? 'Клиент'} ждёт ответа ${hours(f.waitingHours)}${
        f.messages > 1 ? ` (${f.messages} ${plural(f.messages, 'сообщение', 'сообщения', 'сообщений')})` : ''
      }${f.displayId !== null ? ` в #${f.displayId}` : ''}`,
    action_done: (f) => `${ACTIONS[f.actionType] ?? 'Выполнено действие'}: ${f.title}`,
    outbound_sent: (f) => `Отправлено (${f.channel}) ${f.recipient}${f.subject ? `: ${f.subject}` : ''}`,
  },
  header: (kind, period, n) =>
    `${kind === 'daily' ? 'Ежедневная сводка' : 'Еженедельная сводка'} — ${
      kind === 'daily' ? period : `неделя с ${period}`
    } (${n} ${plural(n, 'проект', 'проекта', 'проектов')})`,
  nothingNew: (kind, prev) =>
    `Ничего нового с вашей предыдущей ${kind === 'daily' ? 'ежедневной' : 'еженедельной'} сводки${
      prev ? ` (${prev})` : ''
    }.`,
  empty: 'Нечего сообщить: за период нет изменений оценок, рисков, ожидающих клиентов и действий.',
  more: (n) => `… и ещё ${n}`,
  noProjects: 'У вас нет проектов для сводки.',
};
