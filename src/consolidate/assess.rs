//! Judges a measure against its annual target: attainment, comparisons, pace and assessment.
//!
//! **Attainment**, for one value `v` and the annual target: `Value(t)`: v ≥ t (higher) / v ≤ t
//! (lower); `Above(t)`: v > t; `AtLeast(t)`: v ≥ t; `Below(t)`: v < t; `AtMost(t)`: v ≤ t;
//! `About(t)`: within 5% of t or better; `Range(a, b)`: v ≥ min (higher) / v ≤ max (lower).
//! Only `Value`, `About` and `Range` targets can be *exceeded* (strictly better than the target,
//! for a range than its better end); thresholds give `Achieved`.
//!
//! **Assessment** at the end of quarter q (the categories of [`Assessment`]):
//! * attained → Exceeded / Achieved (a capped flow, lower being better, only in quý IV: it keeps
//!   growing until December); quý IV and not attained → NotAchieved.
//! * **flows** (higher is better): the share of the annual target reached, p = v / target × 100,
//!   is set against the expected share of the year, e = the plan's `pace` profile for q, or
//!   25·q. Behind pace means p < e − `pace-slack`. An estimate that misses the target → AtRisk;
//!   otherwise behind pace → BehindPace ("chậm so với tiến độ", even when the agency's estimate
//!   reaches the target), on pace → OnTrack. With no estimate, behind pace is AtRisk when the
//!   rest of the year would have to run at more than `estimate-stretch` × the pace so far to
//!   reach the target, else BehindPace.
//! * **ước tính cần thận trọng** (a mark, not a category): the estimate E needs the rest of the
//!   year to run at (E − v) / (1 − e) per unit of year against v / e so far; a ratio above
//!   `estimate-stretch` (1,5) marks it.
//! * **capped flows** (lower is better) before quý IV: estimate attains → OnTrack, else AtRisk;
//!   without one, the share of the cap used, v / cap × 100 ≤ e + slack → OnTrack, else AtRisk.
//! * **levels** (rates, level quantities, counts, rankings) before quý IV: estimate attains →
//!   OnTrack, misses → AtRisk; with no estimate a quantity or count within `level-slack-percent`
//!   % of its target, or a rate within `level-slack-points` điểm %, is OnTrack, else AtRisk; a
//!   ranking not yet in place is AtRisk.
//!
//! **Comparisons** by kind (domain §7.2): quantities and counts in % of plan and % change on the
//! same period; rates in điểm % (value − target, value − last year); rankings in places
//! (target − value and last year − value, positive when the province moved up).
//!
//! Comparisons allow a relative 1e-9 so that a value typed as the target counts as equal.

use super::model::{Assessment, Comparison, Scale};
use crate::plan::{Behaviour, Direction, Judgement, Kind, Target};

/// Within this share of an `About` target counts as reached.
const ABOUT_TOLERANCE: f64 = 0.05;

/// The annual target of a measure and how it is judged.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    /// The annual target.
    pub target: Target,
    /// Which way is better.
    pub direction: Direction,
    /// Flow or level.
    pub behaviour: Behaviour,
    /// What it counts.
    pub kind: Kind,
    /// Cumulative % of the target expected at the end of each quarter (flows).
    pub pace: [f64; 4],
    /// The plan's thresholds.
    pub judgement: Judgement,
}

impl Rule {
    /// The rule of a plan measure with a target, under the plan's thresholds.
    pub fn of(m: &crate::plan::Measure, judgement: Judgement) -> Option<Rule> {
        Some(Rule {
            target: m.target?,
            direction: m.direction,
            behaviour: m.behaviour,
            kind: m.kind(),
            pace: pace_profile(m.pace.as_deref()),
            judgement,
        })
    }
}

/// The linear profile: a quarter of the year each quarter.
pub(crate) const LINEAR_PACE: [f64; 4] = [25.0, 50.0, 75.0, 100.0];

/// A plan's pace profile, or the linear one when it gives none (or a malformed one, which plan
/// validation refuses).
pub(crate) fn pace_profile(pace: Option<&[f64]>) -> [f64; 4] {
    match pace {
        Some(&[a, b, c, d]) => [a, b, c, d],
        _ => LINEAR_PACE,
    }
}

fn eps(t: f64) -> f64 {
    1e-9 * t.abs().max(1.0)
}
fn ge(v: f64, t: f64) -> bool {
    v >= t - eps(t)
}
fn le(v: f64, t: f64) -> bool {
    v <= t + eps(t)
}
fn gt(v: f64, t: f64) -> bool {
    v > t + eps(t)
}
fn lt(v: f64, t: f64) -> bool {
    v < t - eps(t)
}

impl Rule {
    /// True when `v` satisfies the annual target (see the module doc).
    pub fn attained(&self, v: f64) -> bool {
        if !v.is_finite() {
            return false;
        }
        let higher = self.direction == Direction::Higher;
        match self.target {
            Target::Value(t) => {
                if higher {
                    ge(v, t)
                } else {
                    le(v, t)
                }
            }
            Target::Above(t) => gt(v, t),
            Target::AtLeast(t) => ge(v, t),
            Target::Below(t) => lt(v, t),
            Target::AtMost(t) => le(v, t),
            Target::About(t) if higher => ge(v, t - ABOUT_TOLERANCE * t.abs()),
            Target::About(t) => le(v, t + ABOUT_TOLERANCE * t.abs()),
            Target::Range(a, b) => {
                if higher {
                    ge(v, a.min(b))
                } else {
                    le(v, a.max(b))
                }
            }
        }
    }

    /// True when `v` is strictly better than a value, about or range target.
    pub fn exceeded(&self, v: f64) -> bool {
        if !v.is_finite() {
            return false;
        }
        let higher = self.direction == Direction::Higher;
        match self.target {
            Target::Value(t) | Target::About(t) => {
                if higher {
                    gt(v, t)
                } else {
                    lt(v, t)
                }
            }
            Target::Range(a, b) => {
                if higher {
                    gt(v, a.max(b))
                } else {
                    lt(v, a.min(b))
                }
            }
            Target::Above(_) | Target::AtLeast(_) | Target::Below(_) | Target::AtMost(_) => false,
        }
    }

    /// Achieved or Exceeded for an attained value.
    fn reached(&self, v: f64) -> Assessment {
        if self.exceeded(v) { Assessment::Exceeded } else { Assessment::Achieved }
    }

    /// The value as a % of the target's reference bound, above 100 being better: v / ref × 100
    /// when higher is better, ref / v × 100 when lower is better; `None` on a zero divisor.
    pub fn percent_of_target(&self, v: f64) -> Option<f64> {
        let reference = self.target.reference(self.direction);
        let p = match self.direction {
            Direction::Higher => ratio(v, reference),
            Direction::Lower => ratio(reference, v),
        }?;
        Some(p * 100.0)
    }

    /// The comparison with the annual target on the kind's scale.
    pub fn vs_plan(&self, v: f64) -> Option<Comparison> {
        let reference = self.target.reference(self.direction);
        let (value, scale) = match self.kind {
            Kind::Quantity | Kind::Count => (self.percent_of_target(v)?, Scale::Percent),
            Kind::Rate => (v - reference, Scale::Points),
            Kind::Ranking => (reference - v, Scale::Places),
        };
        Some(Comparison { value, scale }).filter(|c| c.value.is_finite())
    }

    /// The comparison with the same period last year on the kind's scale.
    pub fn vs_last_year(&self, v: f64, last: f64) -> Option<Comparison> {
        let (value, scale) = match self.kind {
            Kind::Quantity | Kind::Count => ((ratio(v, last)? - 1.0) * 100.0, Scale::Percent),
            Kind::Rate => (v - last, Scale::Points),
            Kind::Ranking => (last - v, Scale::Places),
        };
        Some(Comparison { value, scale }).filter(|c| c.value.is_finite())
    }

    /// The % of the annual target expected at the end of quarter `quarter` for a flow.
    pub fn expected_pace(&self, quarter: u8) -> Option<f64> {
        (self.behaviour == Behaviour::Cumulative).then(|| self.pace[usize::from(quarter.clamp(1, 4) - 1)])
    }

    /// How many times the pace so far the rest of the year must run for a flow at `v` to end
    /// the year at `goal`: ((goal − v) / (1 − e)) / (v / e), e the expected share elapsed.
    /// `None` at the year's end or when nothing has accrued yet.
    pub fn stretch(&self, quarter: u8, v: f64, goal: f64) -> Option<f64> {
        let e = self.expected_pace(quarter)? / 100.0;
        if e >= 1.0 || e <= 0.0 {
            return None;
        }
        if v <= 0.0 {
            return (goal > 0.0).then_some(f64::INFINITY);
        }
        Some(((goal - v) / (1.0 - e)) / (v / e)).filter(|r| !r.is_nan())
    }

    /// True when a flow's estimate needs more than `estimate-stretch` × the pace so far.
    pub fn cautious(&self, quarter: u8, value: Option<f64>, estimate: Option<f64>) -> bool {
        if self.behaviour != Behaviour::Cumulative || self.direction != Direction::Higher {
            return false;
        }
        match (value.filter(|v| v.is_finite()), estimate.filter(|e| e.is_finite())) {
            (Some(v), Some(e)) if e > v => {
                self.stretch(quarter, v, e).is_some_and(|r| r > self.judgement.estimate_stretch)
            }
            _ => false,
        }
    }

    /// Assesses the value (and the year estimate) at the end of quarter `quarter` (1–4).
    pub fn assess(&self, quarter: u8, value: Option<f64>, estimate: Option<f64>) -> Assessment {
        let last_quarter = quarter >= 4;
        let estimate = estimate.filter(|e| e.is_finite());
        let Some(v) = value.filter(|v| v.is_finite()) else {
            // Annual figures (GRDP per head) have no value to date: the estimate is all there is.
            return match estimate {
                Some(e) if last_quarter && self.attained(e) => self.reached(e),
                Some(_) if last_quarter => Assessment::NotAchieved,
                Some(e) if self.attained(e) => Assessment::OnTrack,
                Some(_) => Assessment::AtRisk,
                None => Assessment::NotReported,
            };
        };
        let flow = self.behaviour == Behaviour::Cumulative;
        let capped_flow = flow && self.direction == Direction::Lower;
        // A capped flow keeps growing until December: under the cap mid-year proves nothing.
        if (last_quarter || !capped_flow) && self.attained(v) {
            return self.reached(v);
        }
        if last_quarter {
            return Assessment::NotAchieved;
        }
        let j = &self.judgement;
        let pace = self.expected_pace(quarter).unwrap_or(100.0);
        if capped_flow {
            let on_track = match estimate {
                Some(e) => self.attained(e),
                None => ratio(v, self.target.reference(self.direction))
                    .is_some_and(|r| r * 100.0 <= pace + j.pace_slack),
            };
            return if on_track { Assessment::OnTrack } else { Assessment::AtRisk };
        }
        if flow {
            let behind = self.percent_of_target(v).is_none_or(|p| p < pace - j.pace_slack);
            return match estimate {
                Some(e) if !self.attained(e) => Assessment::AtRisk,
                Some(_) if behind => Assessment::BehindPace,
                Some(_) => Assessment::OnTrack,
                None if !behind => Assessment::OnTrack,
                None => {
                    let goal = self.target.reference(self.direction);
                    if self.stretch(quarter, v, goal).is_none_or(|r| r > j.estimate_stretch) {
                        Assessment::AtRisk
                    } else {
                        Assessment::BehindPace
                    }
                }
            };
        }
        if let Some(e) = estimate {
            return if self.attained(e) { Assessment::OnTrack } else { Assessment::AtRisk };
        }
        let near = match self.kind {
            Kind::Quantity | Kind::Count => {
                self.percent_of_target(v).is_some_and(|p| p >= 100.0 - j.level_slack_percent)
            }
            Kind::Rate => {
                let gap = v - self.target.reference(self.direction);
                let shortfall = if self.direction == Direction::Higher { -gap } else { gap };
                shortfall <= j.level_slack_points + eps(j.level_slack_points)
            }
            Kind::Ranking => false,
        };
        if near { Assessment::OnTrack } else { Assessment::AtRisk }
    }
}

/// `a / b`, or `None` when `b` is (nearly) zero or the result is not finite.
fn ratio(a: f64, b: f64) -> Option<f64> {
    if b.abs() < 1e-12 {
        return None;
    }
    Some(a / b).filter(|r| r.is_finite())
}

#[cfg(test)]
mod tests;
