import { describe, expect, it } from '@jest/globals';
import type { CampaignPacing } from '@app/contracts';
import { dialsAllowed, predictiveRatio } from './dial-pacing';

const pacing = (mode: CampaignPacing['mode'], ratio = 1.5, maxAbandonPct = 3): CampaignPacing => ({ mode, ratio, maxConcurrent: 100, maxAbandonPct });
const fresh = { dialled: 0, answered: 0, abandoned: 0 };

describe('dialsAllowed', () => {
  it('dials nothing in preview, one per free agent in progressive, the ratio in power', () => {
    expect(dialsAllowed({ pacing: pacing('preview'), freeAgents: 5, ringing: 0, stats: fresh })).toBe(0);
    expect(dialsAllowed({ pacing: pacing('progressive'), freeAgents: 5, ringing: 2, stats: fresh })).toBe(3);
    expect(dialsAllowed({ pacing: pacing('power', 2), freeAgents: 4, ringing: 3, stats: fresh })).toBe(5);
  });

  it('dials nothing without a free agent, and never a negative number', () => {
    expect(dialsAllowed({ pacing: pacing('power', 3), freeAgents: 0, ringing: 0, stats: fresh })).toBe(0);
    expect(dialsAllowed({ pacing: pacing('progressive'), freeAgents: 2, ringing: 5, stats: fresh })).toBe(0);
  });
});

describe('predictiveRatio', () => {
  it('starts from the prior: half answer, so two calls per agent', () => {
    expect(predictiveRatio(fresh, 3)).toBe(2);
  });

  it('dials more when few answer, up to the maximum ratio', () => {
    expect(predictiveRatio({ dialled: 200, answered: 50, abandoned: 0 }, 3)).toBe(3);
    expect(predictiveRatio({ dialled: 200, answered: 50, abandoned: 0 }, 3, 5)).toBeCloseTo(4);
    expect(predictiveRatio({ dialled: 200, answered: 160, abandoned: 0 }, 3)).toBeCloseTo(1.25);
  });

  it('backs off as abandons near the cap, and is one call per agent at the cap', () => {
    const half = predictiveRatio({ dialled: 200, answered: 100, abandoned: 1.5 }, 3);
    expect(half).toBeCloseTo(1.5);
    expect(predictiveRatio({ dialled: 200, answered: 100, abandoned: 3 }, 3)).toBe(1);
    expect(predictiveRatio({ dialled: 200, answered: 100, abandoned: 9 }, 3)).toBe(1);
  });

  it('trusts the measured answer rate only as calls accumulate', () => {
    // 2 of 10 answered: blended halfway with the prior of one in two
    expect(predictiveRatio({ dialled: 10, answered: 2, abandoned: 0 }, 3)).toBeCloseTo(1 / 0.35);
  });
});
