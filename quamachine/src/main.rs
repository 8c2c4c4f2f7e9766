//! The `quamachine` command.
fn main() {
    println!("quamachine: skeleton");
}
