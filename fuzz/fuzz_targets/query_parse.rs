//! Fuzz target: arbitrary text through the query parser. It must not panic, and a query that
//! parses must print as text that parses to the same query (print is a fixed point).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Ok(query) = newsgraph::query::parse(text) {
        let printed = query.to_string();
        let again = newsgraph::query::parse(&printed).expect("printed query parses");
        assert_eq!(again.to_string(), printed);
    }
});
