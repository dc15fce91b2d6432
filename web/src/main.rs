//! Entry point Trunk builds (`data-bin="aslplay-web"` in index.html).

fn main() {
    console_error_panic_hook::set_once();
    yew::Renderer::<aslplay_web::App>::new().render();
}
