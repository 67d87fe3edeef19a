//! wasm32 only: the C math functions that std's `f64` methods call, answered
//! by the browser's `Math` instead of compiler_builtins' libm (~4 KB gzip of
//! the module). V8's are fdlibm's, as libm's are; natively std (the system
//! libm) is used. V8's `Math.pow(10, -5)` is not `1e-5`, so powers of ten
//! are taken with `powi` (compiler_builtins' small `__powidf2`).

use js_sys::Math;

#[no_mangle]
extern "C" fn sin(x: f64) -> f64 {
    Math::sin(x)
}

#[no_mangle]
extern "C" fn cos(x: f64) -> f64 {
    Math::cos(x)
}

#[no_mangle]
extern "C" fn atan2(y: f64, x: f64) -> f64 {
    Math::atan2(y, x)
}

#[no_mangle]
extern "C" fn acos(x: f64) -> f64 {
    Math::acos(x)
}

#[no_mangle]
extern "C" fn hypot(x: f64, y: f64) -> f64 {
    Math::hypot(x, y)
}

#[no_mangle]
extern "C" fn log10(x: f64) -> f64 {
    Math::log10(x)
}

#[no_mangle]
extern "C" fn pow(x: f64, y: f64) -> f64 {
    Math::pow(x, y)
}
