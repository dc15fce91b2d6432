//! Entry point Trunk builds (`data-bin="aslplay-web"` in index.html).

fn main() {
    aslplay_web::panic::install();
    yew::Renderer::<aslplay_web::App>::new().render();
    aslplay_web::panic::self_test_if_requested();
}
