// Being written by the formats work (issue 6); replaced by the real benchmark.
fn main() {}
