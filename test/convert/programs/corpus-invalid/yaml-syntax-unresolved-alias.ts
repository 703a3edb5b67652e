// convert yaml-syntax-unresolved-alias.yaml
// refused: ConvertError
// cannot convert:
//   yaml-syntax-unresolved-alias.yaml:1: Unresolved alias (the anchor must be set before the alias): nope
