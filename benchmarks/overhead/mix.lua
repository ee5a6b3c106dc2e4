-- Alternates the two endpoints of the application under test: the JSON endpoint and the database read.
-- With an argument (wrk ... -- PAUSE_MS) every connection waits that long before each request: a fixed, moderate
-- rate (connections / pause) at which latency shows what a request costs rather than how long it queued.
local counter = 0

init = function(args)
  if args[1] then
    local pause = tonumber(args[1])
    delay = function()
      return pause
    end
  end
end

request = function()
  counter = counter + 1
  if counter % 2 == 0 then
    return wrk.format("GET", "/db/" .. (counter % 1000 + 1))
  end
  return wrk.format("GET", "/work?name=bench")
end
