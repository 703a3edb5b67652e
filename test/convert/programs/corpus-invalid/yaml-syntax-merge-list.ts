// convert yaml-syntax-merge-list.yaml
// refused: ConvertError
// cannot convert:
//   yaml-syntax-merge-list.yaml:1: Merge sources must be maps or map aliases
