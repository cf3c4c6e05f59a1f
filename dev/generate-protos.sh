#!/usr/bin/env bash
# Regenerates the Swift code for Protos/: the messages (Sources/HubbleAPI/Generated), the gRPC client
# and server stubs (Sources/HubbleServices/Generated, a target of their own so that only the network
# targets can name them) and the hubble JSON codec (Sources/FlowModel/Generated). With --check, generates into a temporary folder
# and fails when the committed files differ.
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
[ "${1:-}" = "--check" ] && check=true

command -v protoc >/dev/null || { echo "protoc is missing: apt-get install -y protobuf-compiler" >&2; exit 1; }

swift build -c release --product protoc-gen-swift >/dev/null
swift build -c release --product protoc-gen-grpc-swift-2 >/dev/null
swift build -c release --package-path dev/CodecGenerator >/dev/null
bin=$(swift build -c release --show-bin-path)
codec_bin=$(swift build -c release --package-path dev/CodecGenerator --show-bin-path)

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/HubbleAPI" "$out/HubbleServices" "$out/FlowModel"

protos=(flow/flow.proto relay/relay.proto observer/observer.proto peer/peer.proto grpc/health/v1/health.proto)
protoc -I Protos \
  --plugin=protoc-gen-swift="$bin/protoc-gen-swift" \
  --plugin=protoc-gen-grpc-swift-2="$bin/protoc-gen-grpc-swift-2" \
  --plugin=protoc-gen-loupe-json="$codec_bin/protoc-gen-loupe-json" \
  --swift_out="$out/HubbleAPI" --swift_opt=Visibility=Public,FileNaming=PathToUnderscores \
  --grpc-swift-2_out="$out/HubbleServices" \
  --grpc-swift-2_opt=Visibility=Public,Client=true,Server=true,FileNaming=PathToUnderscores,ExtraModuleImports=HubbleAPI \
  --loupe-json_out="$out/FlowModel" \
  "${protos[@]}"

# Flow_Flow keeps its fields in a storage class that the generator makes file-private; its getters
# copy whole sub-messages. Sources/HubbleAPI/Flow_Flow+InPlace.swift reads them in place, which needs
# the storage visible inside the module: widen exactly these two declarations.
python3 - "$out/HubbleAPI/flow_flow.pb.swift" <<'PY'
import sys
path = sys.argv[1]
text = open(path).read()
struct = text.index("public nonisolated struct Flow_Flow: @unchecked Sendable {")
storage = "  fileprivate var _storage = _StorageClass.defaultInstance"
at = text.index(storage, struct)
text = text[:at] + "  var _storage = _StorageClass.defaultInstance" + text[at + len(storage):]
extension = text.index("nonisolated extension Flow_Flow: SwiftProtobuf.Message")
declaration = "  fileprivate class _StorageClass {"
at = text.index(declaration, extension)
text = text[:at] + "  class _StorageClass {" + text[at + len(declaration):]
open(path, "w").write(text)
PY

targets=(HubbleAPI HubbleServices FlowModel)
if $check; then
  status=0
  for t in "${targets[@]}"; do
    if ! diff -ru "Sources/$t/Generated" "$out/$t" >/dev/null; then
      echo "generated code in Sources/$t/Generated is stale: run dev/generate-protos.sh" >&2
      diff -ru "Sources/$t/Generated" "$out/$t" | head -40 >&2 || true
      status=1
    fi
  done
  [ $status -eq 0 ] && echo "generated code is current"
  exit $status
fi

for t in "${targets[@]}"; do
  rm -rf "Sources/$t/Generated"
  mkdir -p "Sources/$t/Generated"
  cp "$out/$t"/*.swift "Sources/$t/Generated/"
done
echo "regenerated: $(ls Sources/HubbleAPI/Generated Sources/HubbleServices/Generated Sources/FlowModel/Generated | grep -c swift) files"
