//! Sets up the Node-API link flags for the native addon.
fn main() {
    napi_build::setup();
}
