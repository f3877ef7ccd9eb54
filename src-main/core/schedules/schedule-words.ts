/** A schedule in plain words, for the confirmation and the Schedules view: "Every Monday at 09:00 (Europe/Lisbon)". */
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const pad = (n: string): string => n.padStart(2, '0');
const ordinal = (n: number): string => `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;

export function describeCron(cron: string): string {
  const [minute = '*', hour = '*', dom = '*', month = '*', dow = '*'] = cron.trim().split(/\s+/);
  const num = /^\d+$/;
  const at = num.test(minute) && num.test(hour) ? ` at ${pad(hour)}:${pad(minute)}` : null;
  if (minute.startsWith('*/') && hour === '*' && dom === '*' && month === '*' && dow === '*') return `Every ${minute.slice(2)} minutes`;
  if (num.test(minute) && hour === '*' && dom === '*' && month === '*' && dow === '*') return `Every hour at ${pad(minute)} past`;
  if (num.test(minute) && hour.startsWith('*/') && dom === '*' && month === '*' && dow === '*') return `Every ${hour.slice(2)} hours at ${pad(minute)} past`;
  if (at && dom === '*' && month === '*') {
    if (dow === '*') return `Every day${at}`;
    if (dow === '1-5') return `Every weekday (Monday to Friday)${at}`;
    if (dow === '0,6' || dow === '6,0') return `Every Saturday and Sunday${at}`;
    if (/^[0-7](,[0-7])*$/.test(dow)) return `Every ${dow.split(',').map((d) => DAYS[Number(d) % 7]).join(' and ')}${at}`;
  }
  if (at && num.test(dom) && dow === '*') {
    if (month === '*') return `On the ${ordinal(Number(dom))} of every month${at}`;
    if (num.test(month)) return `Every year on ${Number(dom)} ${MONTHS[Number(month) - 1] ?? month}${at}`;
  }
  return `On the cron schedule “${cron}”`;
}

export function describeSchedule(schedule: { cron: string | null; runAt: string | null; timeZone: string }): string {
  if (schedule.cron) return `${describeCron(schedule.cron)} (${schedule.timeZone})`;
  const [date = '', time = ''] = (schedule.runAt ?? '').split('T');
  return `Once, on ${date} at ${time.slice(0, 5)} (${schedule.timeZone})`;
}
