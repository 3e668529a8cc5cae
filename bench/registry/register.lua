-- wrk script: every request registers a schema no request registered before, under a subject of its
-- own, so each one makes the leader hand out a new ID (a write through the log), never a lookup.
local thread_id = 0
local counter = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function request()
  counter = counter + 1
  local name = string.format("B%s_%d_%d", os.time(), tid or 0, counter)
  local body = string.format('{"schema":"{\\"type\\":\\"record\\",\\"name\\":\\"%s\\",\\"fields\\":[]}"}', name)
  return wrk.format("POST", "/subjects/" .. name .. "-value/versions",
    {["Content-Type"] = "application/vnd.schemaregistry.v1+json"}, body)
end
