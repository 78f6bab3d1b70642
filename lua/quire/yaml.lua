--- quire.yaml: YAML text to Lua values (libyaml), as the record reader uses it.
local C = require "quire.c.yaml"

local yaml = {}

--- The value that stands for a YAML null inside sequences (same as cjson.null).
yaml.null = C.null

--- Parses the first document of TEXT. Returns value, duplicated_keys on
-- success, or nil, message, line on failure. Plain scalars are typed by the
-- YAML 1.2 core schema; timestamps stay strings; map keys are strings.
function yaml.load(text, max_nodes)
  local ok, value, extra = C.load(text, max_nodes)
  if ok then return value, extra end
  return nil, value, extra
end

--- YAML text for VALUE (one document, no --- lines), through libyaml's
-- emitter: maps with the keys in FIRST_KEYS first and the rest sorted,
-- strings quoted where they would read back as another type. Raises for
-- values YAML cannot hold.
function yaml.dump(value, first_keys)
  return C.dump(value, first_keys)
end

return yaml
