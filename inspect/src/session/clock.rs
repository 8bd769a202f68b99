//! Times of a capture as RFC 3339 text in UTC: a Fiddler timer with its UTC offset shifted to
//! UTC, a packet timestamp (seconds since 1970) written out. The fraction is kept as the
//! capture gives it (Fiddler's 7 digits, a packet capture's resolution), never rounded.
//!
//! The calendar arithmetic is two short functions (the proleptic Gregorian calendar counted
//! in 400-year eras); a date crate would add a dependency for them and would normalize the
//! fraction's digits, which the timers keep as written.

/// Days from 1970-01-01 to the given date (month and day from 1).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    // Count years from March, so that the leap day ends the year.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y.rem_euclid(400);
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    // 719_468 days from 0000-03-01 to 1970-01-01.
    era * 146_097 + day_of_era - 719_468
}

/// The date (year, month, day) `days` after 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `secs` seconds after 1970-01-01T00:00:00Z as RFC 3339 UTC text, with `fraction` (digits,
/// maybe empty) after the seconds; `None` outside the years 0000 to 9999.
pub(super) fn utc_text(secs: i64, fraction: &str) -> Option<String> {
    let (days, of_day) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    if !(0..=9999).contains(&y) {
        return None;
    }
    let (h, min, s) = (of_day / 3600, of_day / 60 % 60, of_day % 60);
    let dot = if fraction.is_empty() { "" } else { "." };
    Some(format!(
        "{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}{dot}{fraction}Z"
    ))
}

fn digits(s: &str) -> Option<i64> {
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// An ISO 8601 time as Fiddler writes it (`2026-11-20T09:00:01.2500000+01:00`, or ending in
/// `Z`), shifted to UTC with its fraction digits kept. `Ok(None)` for the time Fiddler writes
/// for a step that did not happen (`0001-01-01T00:00:00`); an error text for anything else that
/// is not such a time, or has no UTC offset (a local time of an unknown zone).
pub(super) fn fiddler_time_to_utc(text: &str) -> Result<Option<String>, String> {
    if text.starts_with("0001-01-01T00:00:00") {
        return Ok(None);
    }
    let bad = || format!("{text:?} is not a time with a UTC offset");
    let (date, rest) = text.split_once('T').ok_or_else(bad)?;
    let mut ymd = date.splitn(3, '-').map(digits);
    let (Some(Some(y)), Some(Some(mo)), Some(Some(d))) = (ymd.next(), ymd.next(), ymd.next())
    else {
        return Err(bad());
    };
    // The offset: `Z`, or a sign and hh:mm after the seconds.
    let (clock, offset_minutes) = if let Some(c) = rest.strip_suffix('Z') {
        (c, 0)
    } else {
        let at = rest.rfind(['+', '-']).ok_or_else(bad)?;
        let (c, off) = rest.split_at(at);
        let (oh, om) = off[1..].split_once(':').ok_or_else(bad)?;
        let minutes = digits(oh).ok_or_else(bad)? * 60 + digits(om).ok_or_else(bad)?;
        (
            c,
            if off.starts_with('-') {
                -minutes
            } else {
                minutes
            },
        )
    };
    let (hms, fraction) = clock.split_once('.').unwrap_or((clock, ""));
    if fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let mut parts = hms.splitn(3, ':').map(digits);
    let (Some(Some(h)), Some(Some(mi)), Some(Some(s))) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return Err(bad());
    }
    let secs = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s - offset_minutes * 60;
    utc_text(secs, fraction).map(Some).ok_or_else(bad)
}

/// A packet timestamp: seconds since 1970 (UTC) and the fraction, in units of
/// 10^-`digits` seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Stamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub(super) secs: i64,
    /// The fraction in nanoseconds.
    pub(super) nanos: u32,
    /// How many fraction digits the capture's resolution has (6 for microseconds).
    pub(super) digits: u8,
}

impl Stamp {
    /// The time as RFC 3339 UTC text, with the capture's digits.
    pub(super) fn text(&self) -> Option<String> {
        let d = u32::from(self.digits.min(9));
        let frac = if d == 0 {
            String::new()
        } else {
            format!(
                "{:0width$}",
                self.nanos / 10u32.pow(9 - d),
                width = d as usize
            )
        };
        utc_text(self.secs, &frac)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_match_known_dates() {
        // `date -u -d 2026-11-20 +%s` = 1795132800 = 20777 days; 2000-03-01 = 951868800.
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2026, 11, 20), 20_777);
        assert_eq!(days_from_civil(2000, 3, 1), 951_868_800 / 86_400);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        for d in [-800_000, -1, 0, 59, 60, 11_016, 20_777, 2_000_000] {
            let (y, m, dd) = civil_from_days(d);
            assert_eq!(days_from_civil(y, m, dd), d);
        }
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn fiddler_times_shift_to_utc() {
        let t = |s| fiddler_time_to_utc(s).unwrap();
        assert_eq!(
            t("2026-11-20T09:00:01.2500000+01:00").as_deref(),
            Some("2026-11-20T08:00:01.2500000Z")
        );
        // Across midnight, a year boundary and a negative offset with minutes.
        assert_eq!(
            t("2027-01-01T00:10:00.0000001+05:30").as_deref(),
            Some("2026-12-31T18:40:00.0000001Z")
        );
        assert_eq!(
            t("2026-02-28T23:00:00-02:00").as_deref(),
            Some("2026-03-01T01:00:00Z")
        );
        assert_eq!(
            t("2026-11-20T08:00:01Z").as_deref(),
            Some("2026-11-20T08:00:01Z")
        );
        assert_eq!(t("0001-01-01T00:00:00"), None);
        for bad in [
            "",
            "2026-11-20T09:00:01",
            "2026-11-20 09:00:01+01:00",
            "2026-13-20T09:00:01+01:00",
            "2026-11-20T09:00:01.x+01:00",
            "2026-11-20T09:00:01+0100",
            "99999-11-20T09:00:01Z",
        ] {
            assert!(fiddler_time_to_utc(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn stamps_keep_their_resolution() {
        let s = Stamp {
            secs: 1_795_161_601,
            nanos: 250_000_000,
            digits: 6,
        };
        assert_eq!(s.text().as_deref(), Some("2026-11-20T08:00:01.250000Z"));
        let s = Stamp { digits: 0, ..s };
        assert_eq!(s.text().as_deref(), Some("2026-11-20T08:00:01Z"));
        let far = Stamp {
            secs: i64::MAX,
            ..s
        };
        assert_eq!(far.text(), None);
    }
}
