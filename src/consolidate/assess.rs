//! Judges a measure against its annual target: attainment, % of target, pace and assessment.
//!
//! The rules, all written for one value `v` and the annual target:
//!
//! * **attained(v)**: `Value(t)`: v ≥ t (higher) / v ≤ t (lower); `Above(t)`: v > t;
//!   `AtLeast(t)`: v ≥ t; `Below(t)`: v < t; `AtMost(t)`: v ≤ t (thresholds carry their own
//!   direction); `About(t)`: within 5% of t or better (v ≥ t − 5%·|t| higher, v ≤ t + 5%·|t|
//!   lower); `Range(a, b)`: v ≥ min (higher) / v ≤ max (lower).
//! * **exceeded(v)**: only `Value`, `About` and `Range` targets can be exceeded, by a value
//!   strictly better than the target (for a range: than its better end — the upper bound when
//!   higher is better, the lower bound when lower is better). Thresholds give `Achieved`.
//! * **level** measures: attained → Exceeded/Achieved; otherwise in Q4 → NotAchieved; otherwise
//!   with a year estimate → OnTrack if the estimate attains, else AtRisk; without one → OnTrack
//!   when percent_of_target ≥ 95, else AtRisk.
//! * **cumulative** measures: the value already attains the annual target → Exceeded/Achieved;
//!   Q4 and not attained → NotAchieved; with a year estimate → OnTrack if it attains, else
//!   AtRisk; without one → OnTrack when percent_of_target ≥ expected pace − 5, else AtRisk.
//!   A cumulative measure where *lower* is better (a cap on a flow) keeps growing until
//!   December, so before Q4 being under the cap proves nothing: it is judged by the estimate,
//!   or by the share of the annual cap used so far (v / target × 100 ≤ pace + 5 → OnTrack).
//!
//! Comparisons allow a relative 1e-9 so that a value typed as the target counts as equal.

use super::model::Assessment;
use crate::plan::{Behaviour, Direction, Target, Unit};

/// Within this share of an `About` target counts as reached.
const ABOUT_TOLERANCE: f64 = 0.05;
/// A level measure at or above this % of its target, with no estimate, is on track.
const LEVEL_ON_TRACK: f64 = 95.0;
/// A cumulative measure may lag the share of the year elapsed by this many points.
const PACE_SLACK: f64 = 5.0;

/// The annual target of a measure and how it is judged.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    /// The annual target.
    pub target: Target,
    /// Which way is better.
    pub direction: Direction,
    /// Flow or level.
    pub behaviour: Behaviour,
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
        // A capped flow keeps growing until December: under the cap mid-year proves nothing.
        let conclusive =
            last_quarter || self.behaviour == Behaviour::Level || self.direction == Direction::Higher;
        if conclusive && self.attained(v) {
            return self.reached(v);
        }
        if last_quarter {
            return Assessment::NotAchieved;
        }
        if let Some(e) = estimate {
            return if self.attained(e) { Assessment::OnTrack } else { Assessment::AtRisk };
        }
        let on_track = match (self.behaviour, self.direction) {
            (Behaviour::Level, _) => self.percent_of_target(v).is_some_and(|p| p >= LEVEL_ON_TRACK),
            (Behaviour::Cumulative, Direction::Higher) => self
                .percent_of_target(v)
                .is_some_and(|p| p >= expected_pace(self.behaviour, quarter) - PACE_SLACK),
            (Behaviour::Cumulative, Direction::Lower) => ratio(v, self.target.reference(self.direction))
                .is_some_and(|r| r * 100.0 <= expected_pace(self.behaviour, quarter) + PACE_SLACK),
        };
        if on_track { Assessment::OnTrack } else { Assessment::AtRisk }
    }
}

/// `a / b`, or `None` when `b` is (nearly) zero or the result is not finite.
fn ratio(a: f64, b: f64) -> Option<f64> {
    if b.abs() < 1e-12 {
        return None;
    }
    Some(a / b).filter(|r| r.is_finite())
}

/// The % of the annual target expected by the end of quarter `quarter`: the share of the year
/// elapsed for flows (25, 50, 75, 100), 100 for levels.
pub(crate) fn expected_pace(behaviour: Behaviour, quarter: u8) -> f64 {
    match behaviour {
        Behaviour::Cumulative => f64::from(quarter.clamp(1, 4)) / 4.0 * 100.0,
        Behaviour::Level => 100.0,
    }
}

/// The change against the same period last year: percentage points for `%` units,
/// (v / last − 1) × 100 otherwise (`None` when last year is zero).
pub(crate) fn change_vs_last_year(unit: &Unit, value: f64, last: f64) -> Option<f64> {
    let change = match unit {
        Unit::Percent => value - last,
        Unit::Money(_) | Unit::Quantity(_) => (ratio(value, last)? - 1.0) * 100.0,
    };
    Some(change).filter(|c| c.is_finite())
}

#[cfg(test)]
mod tests;
