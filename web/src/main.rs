//! Entry point Trunk builds (`data-bin="aslplay-web"` in index.html).

fn main() {
    aslplay_web::panic::install();
    if aslplay_web::bench::requested() {
        yew::Renderer::<aslplay_web::bench::BenchPage>::new().render();
        return;
    }
    yew::Renderer::<aslplay_web::App>::new().render();
    aslplay_web::panic::self_test_if_requested();
}
