fn main() {
    leptos::task::spawn_local(app::start());
}
