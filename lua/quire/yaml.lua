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

return yaml
