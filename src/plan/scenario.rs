//! Arithmetic of the growth scenario's base period: cumulative shares and implied totals.

use super::model::GrowthScenario;
use crate::period::Period;

impl GrowthScenario {
    /// Each sector's share (%) of the base period `period` (quý I, 6 tháng, …) at comparative
    /// prices: the quarterly shares weighted by each quarter's share of the base year.
    ///
    /// Cumulative shares come from base-period *levels*, never from averaging quarterly shares.
    pub fn period_shares(&self, period: Period) -> Vec<f64> {
        let n = period.quarters();
        let weights: Vec<f64> = self.quarter_weights.iter().take(n).copied().collect();
        let total: f64 = weights.iter().sum();
        self.sectors
            .iter()
            .map(|s| {
                if total <= 0.0 {
                    return 0.0;
                }
                let level: f64 = s.base_shares.iter().zip(&weights).map(|(share, w)| share * w).sum();
                level / total
            })
            .collect()
    }

    /// The total growth (%) the sector scenario implies for `period`: Σ shareᵢ × growthᵢ.
    pub fn implied_total(&self, period: Period) -> Option<f64> {
        let shares = self.period_shares(period);
        let mut sum = 0.0;
        for (s, share) in self.sectors.iter().zip(shares) {
            sum += s.scenario.get(period)? * share / 100.0;
        }
        Some(sum)
    }
}
