/// Exact arithmetic for the audit: integers modulo a large prime (2^61 − 1). The relations
/// have coefficients ±1, so a cell pinned down modulo this prime is pinned down over the
/// rationals except in astronomically rare cases, which can only make the audit hide more.
pub(super) const MODULUS: u64 = (1 << 61) - 1;

pub(super) fn add(a: u64, b: u64) -> u64 {
    (a + b) % MODULUS
}

pub(super) fn mul(a: u64, b: u64) -> u64 {
    ((u128::from(a) * u128::from(b)) % u128::from(MODULUS)) as u64
}

fn inverse(a: u64) -> u64 {
    let (mut base, mut exp, mut acc) = (a, MODULUS - 2, 1u64);
    while exp > 0 {
        if exp & 1 == 1 {
            acc = mul(acc, base);
        }
        base = mul(base, base);
        exp >>= 1;
    }
    acc
}

/// The columns whose unit vector lies in the row space: after reducing to row echelon form
/// with zeros above and below every pivot, such a column is a row with one non-zero entry.
pub(super) fn pinned_columns(mut rows: Vec<Vec<u64>>) -> Vec<usize> {
    let cols = rows.first().map_or(0, Vec::len);
    let mut rank = 0;
    let mut pivots = Vec::new();
    for c in 0..cols {
        let Some(r) = (rank..rows.len()).find(|&r| rows[r][c] != 0) else {
            continue;
        };
        rows.swap(rank, r);
        let inv = inverse(rows[rank][c]);
        for v in rows[rank].iter_mut() {
            *v = mul(*v, inv);
        }
        let pivot = rows[rank].clone();
        for (r, row) in rows.iter_mut().enumerate() {
            if r == rank || row[c] == 0 {
                continue;
            }
            let f = row[c];
            for (x, p) in row.iter_mut().zip(&pivot) {
                *x = add(*x, MODULUS - mul(f, *p));
            }
        }
        pivots.push(c);
        rank += 1;
    }
    rows[..rank]
        .iter()
        .zip(pivots)
        .filter(|(row, _)| row.iter().filter(|v| **v != 0).count() == 1)
        .map(|(_, c)| c)
        .collect()
}
