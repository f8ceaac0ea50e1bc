//! emulator_ops: a random sequence of calls over all 46 operations (callers from a small pool
//! and the accounts the emulator created, arguments from the IDs it returned and made-up
//! values), `advance`, `register_account`, `set_quotas` and snapshot round trips. After each
//! step the invariants hold, and a refused call has left `export()` unchanged.

use orgkit::emulator::Emulator;

use crate::driver::Driver;
use crate::input::Input;

/// The longest sequence one input describes.
pub const MAX_STEPS: usize = 64;

/// Runs `data` on a fresh emulator: byte 0 seeds it, byte 1 chooses the setup
/// ([`Driver::setup`]), the rest are steps. Returns the driver, for the seed generator.
pub fn drive(data: &[u8]) -> Driver {
    let mut input = Input::new(data);
    let seed = u64::from(input.byte());
    let mut driver = Driver::new(Emulator::new(seed));
    driver.setup(input.byte());
    while !input.exhausted() && driver.steps < MAX_STEPS {
        driver.step(&mut input);
    }
    driver
}

/// The target.
pub fn run(data: &[u8]) {
    drive(data);
}
