-- Alternates the two endpoints of the application under test: the JSON endpoint and the database read.
local counter = 0

request = function()
  counter = counter + 1
  if counter % 2 == 0 then
    return wrk.format("GET", "/db/" .. (counter % 1000 + 1))
  end
  return wrk.format("GET", "/work?name=bench")
end
