//! Reads choices out of a fuzz input. When the bytes run out, the choices continue from a
//! generator seeded with a hash of the whole input, so a short input still describes a long
//! run, and the same input always describes the same run.

/// A cursor over fuzz bytes.
pub struct Input<'a> {
    bytes: &'a [u8],
    at: usize,
    fallback: u64,
}

impl<'a> Input<'a> {
    /// A cursor at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Input<'a> {
        // FNV-1a over the input seeds the generator used once the bytes are consumed.
        let fallback = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |hash, &b| {
            (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        Input {
            bytes,
            at: 0,
            fallback,
        }
    }

    /// Whether every byte has been read (later choices come from the generator).
    pub fn exhausted(&self) -> bool {
        self.at >= self.bytes.len()
    }

    /// The next byte.
    pub fn byte(&mut self) -> u8 {
        match self.bytes.get(self.at) {
            Some(&b) => {
                self.at += 1;
                b
            }
            None => {
                // SplitMix64.
                self.fallback = self.fallback.wrapping_add(0x9e37_79b9_7f4a_7c15);
                let mut z = self.fallback;
                z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
                (z ^ (z >> 31)) as u8
            }
        }
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        let wide = if n > 256 {
            usize::from(self.byte()) << 8 | usize::from(self.byte())
        } else {
            usize::from(self.byte())
        };
        wide % n
    }

    /// True with probability about `numerator / 16`.
    pub fn chance(&mut self, numerator: u8) -> bool {
        self.byte() % 16 < numerator
    }

    /// One of `items` (which must not be empty).
    pub fn pick<'t, T>(&mut self, items: &'t [T]) -> &'t T {
        &items[self.below(items.len())]
    }

    /// Up to `max` raw bytes as text (invalid UTF-8 replaced).
    pub fn text(&mut self, max: usize) -> String {
        let len = self.below(max + 1);
        let bytes: Vec<u8> = (0..len).map(|_| self.byte()).collect();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// A little-endian `u32`.
    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()])
    }
}
