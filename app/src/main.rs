fn main() {
    app::install_panic_hook();
    // Leptos' own executor starts when the app mounts; until then, plain wasm-bindgen futures.
    wasm_bindgen_futures::spawn_local(app::start());
}
