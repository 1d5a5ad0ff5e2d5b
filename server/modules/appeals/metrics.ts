// The three rates (三率) and companions, defined once. The SQL in metrics.repository.ts computes the
// same sums in the database; tests hold both to the same hand-counted fixtures.
//
// Over the orders accepted in the period, leaving out voided and merged ones:
//   响应率 response rate   = contacted by the response deadline ÷ orders whose response is settled
//                            (contacted, or the deadline has passed without contact)
//   解决率 resolution rate = call-backs saying resolved ÷ call-backs
//   满意率 satisfaction    = (satisfied + basically satisfied) ÷ call-backs
//   按时办结率 on time      = answered by the resolution deadline ÷ orders whose resolution is settled
//                            (answered, or the deadline has passed unanswered)
//   average handling time  = mean hours from acceptance to answer, over answered orders
// A rate with nothing to count is null, not zero: "no call-backs yet" is not "nobody satisfied".

export type OrderFacts = {
  status: string;
  acceptedAt: Date;
  responseDueAt: Date;
  resolveDueAt: Date;
  contactedAt: Date | null;
  answeredAt: Date | null;
  resolved: boolean | null;
  satisfaction: "satisfied" | "basic" | "dissatisfied" | null;
};

export type Sums = {
  orders: number;
  responseSettled: number;
  respondedOnTime: number;
  callbacks: number;
  resolved: number;
  satisfied: number;
  resolveSettled: number;
  answeredOnTime: number;
  answered: number;
  handlingHoursTotal: number;
};

export type Rates = {
  orders: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  onTimeRate: number | null;
  averageHandlingHours: number | null;
};

const EXCLUDED = new Set(["voided", "merged"]);

export function sumUp(orders: OrderFacts[], now: Date): Sums {
  const s: Sums = {
    orders: 0,
    responseSettled: 0,
    respondedOnTime: 0,
    callbacks: 0,
    resolved: 0,
    satisfied: 0,
    resolveSettled: 0,
    answeredOnTime: 0,
    answered: 0,
    handlingHoursTotal: 0,
  };
  const t = now.getTime();
  for (const o of orders) {
    if (EXCLUDED.has(o.status)) continue;
    s.orders++;
    if (o.contactedAt || o.responseDueAt.getTime() <= t) s.responseSettled++;
    if (o.contactedAt && o.contactedAt.getTime() <= o.responseDueAt.getTime()) s.respondedOnTime++;
    if (o.satisfaction !== null) {
      s.callbacks++;
      if (o.resolved) s.resolved++;
      if (o.satisfaction !== "dissatisfied") s.satisfied++;
    }
    if (o.answeredAt || o.resolveDueAt.getTime() <= t) s.resolveSettled++;
    if (o.answeredAt) {
      s.answered++;
      s.handlingHoursTotal += (o.answeredAt.getTime() - o.acceptedAt.getTime()) / 3_600_000;
      if (o.answeredAt.getTime() <= o.resolveDueAt.getTime()) s.answeredOnTime++;
    }
  }
  return s;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

export function ratesOf(s: Sums): Rates {
  return {
    orders: s.orders,
    responseRate: ratio(s.respondedOnTime, s.responseSettled),
    resolutionRate: ratio(s.resolved, s.callbacks),
    satisfactionRate: ratio(s.satisfied, s.callbacks),
    onTimeRate: ratio(s.answeredOnTime, s.resolveSettled),
    averageHandlingHours: ratio(s.handlingHoursTotal, s.answered),
  };
}
