-- EST simpleenroll with the same base64 PKCS#10 request every time (the DMS re-issues for a known device).
-- Usage: wrk ... -s est-enroll.lua URL -- CSR_BASE64_FILE [DMS]
local body
local path

init = function(args)
  local file = assert(io.open(args[1], "r"))
  body = file:read("*a")
  file:close()
  path = "/.well-known/est/" .. (args[2] or "demo") .. "/simpleenroll"
end

request = function()
  return wrk.format("POST", path, { ["Content-Type"] = "application/pkcs10" }, body)
end
