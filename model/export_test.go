package model

// RawRecord is rawRecord, for the benchmarks of package model_test: they
// use generated corpora, and the package generating them imports model.
var RawRecord = rawRecord
