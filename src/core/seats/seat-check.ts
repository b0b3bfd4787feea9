/**
 * Would assigning `adding` more people to a product in a team go beyond its
 * seats? (docs/changes.md, "Seat warning": it warns, never refuses.) Seats belong
 * to the subscription of the product's offering (a collection, or the product).
 */
import type { Day } from '../vocabulary/days';
import { assignedOn, subscriptionRunsOn, type Workspace } from '../workspace/workspace';
import { ACCESS_FLEX } from '../workspace/batch';

export interface SeatCheck {
  offering: string;
  seats: number;
  assigned: number;
  pendingAssigns: number;
  adding: number;
  /** True when assigned + pending + adding exceeds the seats (and any seats are known). */
  over: boolean;
}

export function seatCheck(ws: Workspace, team: string, product: string, adding: number, pendingAssigns: number, today: Day): SeatCheck {
  const t = ws.teams.indexOf(team),
    p = ws.products.indexOf(product);
  const offerings = new Set<string>([product]);
  for (let k = 0; k < ws.keyCount; k++) {
    if (ws.keyTeam[k] === t && ws.keyProduct[k] === p && ws.keyHasAssignment[k]) offerings.add(ws.offerings[ws.keyOffering[k]!]!);
  }
  let seats = 0;
  const counted: string[] = [];
  for (const s of ws.subscriptions) {
    if (s.team !== team || !offerings.has(s.offering)) continue;
    if (!subscriptionRunsOn(s, today)) continue;
    seats += s.seats;
    counted.push(s.offering);
  }
  const holders = new Set<number>();
  for (let k = 0; k < ws.keyCount; k++) {
    if (ws.keyTeam[k] !== t || ws.keyAccess[k] === ACCESS_FLEX) continue;
    if (!offerings.has(ws.offerings[ws.keyOffering[k]!]!)) continue;
    if (assignedOn(ws, k, today)) holders.add(ws.keyUser[k]!);
  }
  const offering = counted[0] ?? product;
  return {
    offering,
    seats,
    assigned: holders.size,
    pendingAssigns,
    adding,
    over: seats > 0 && holders.size + pendingAssigns + adding > seats,
  };
}
