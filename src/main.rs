fn main() {
    sanad_web::start();
}
