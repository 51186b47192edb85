-- Drives the Citokine language server from Neovim's built-in LSP client, headless:
--   nvim --headless --clean -u e2e/nvim/init.lua
-- e2e/run-nvim.mjs starts it with these environment variables and asserts on the JSON it writes:
--   CITOKINE_SERVER      path to dist/server.js (started as `node <it> --stdio`)
--   CITOKINE_WORKSPACE   the fixture workspace folder (the LSP root)
--   CITOKINE_NVIM_OUT    where to write the results (JSON)
--   CITOKINE_NVIM_WAIT_MS  how long each condition may take (default 30000)
-- Works on Neovim 0.7 (Debian 12: vim.lsp.start_client) and 0.8+ (vim.lsp.start).
-- Every wait polls a condition until a deadline; nothing waits a fixed time for a result.

local server = assert(os.getenv('CITOKINE_SERVER'), 'CITOKINE_SERVER is not set')
local workspace = assert(os.getenv('CITOKINE_WORKSPACE'), 'CITOKINE_WORKSPACE is not set')
local out_path = assert(os.getenv('CITOKINE_NVIM_OUT'), 'CITOKINE_NVIM_OUT is not set')
local wait_ms = tonumber(os.getenv('CITOKINE_NVIM_WAIT_MS') or '') or 30000

local results = {
  nvim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch,
  errors = {},
  steps = {},
}

local function write_results()
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(results))
  f:close()
end

local client_id
local initialized = false

local function start_or_attach(bufnr)
  local config = {
    name = 'citokine',
    cmd = { 'node', server, '--stdio' },
    root_dir = workspace,
    workspace_folders = { { uri = vim.uri_from_fname(workspace), name = 'workspace' } },
    -- Send every change at once: the requests below must see the text just typed.
    flags = { debounce_text_changes = 0 },
    on_init = function() initialized = true end,
  }
  if vim.lsp.start then
    client_id = vim.lsp.start(config, { bufnr = bufnr })
  else
    client_id = client_id or vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
  assert(client_id, 'the language server did not start')
  assert(vim.wait(wait_ms, function() return initialized end, 50), 'the language server did not initialize')
end

--- Opens a fixture file as Markdown and attaches the client; returns the buffer number.
local function open(relative)
  vim.cmd('edit ' .. vim.fn.fnameescape(workspace .. '/' .. relative))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'markdown'
  start_or_attach(bufnr)
  return bufnr
end

--- The LSP position (0-based line, UTF-16 character) of the first `needle` in the buffer, plus `delta` bytes.
local function position_of(bufnr, needle, delta)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for i, line in ipairs(lines) do
    local s = line:find(needle, 1, true)
    if s then
      local byte_col = s - 1 + (delta or 0)
      local _, utf16 = vim.str_utfindex(line, byte_col)
      return { line = i - 1, character = utf16 }, line
    end
  end
  error('fixture does not contain ' .. needle)
end

local function text_params(bufnr, position)
  return { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = position }
end

--- One request, synchronously; returns the result of our client (or nil and an error).
local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, wait_ms)
  if not responses then return nil, err or 'no response' end
  local response = responses[client_id]
  if not response then return nil, 'no response from citokine' end
  if response.err then return nil, vim.inspect(response.err) end
  return response.result
end

--- Markdown/plain text of a hover result.
local function hover_text(result)
  if not result or not result.contents then return '' end
  local c = result.contents
  if type(c) == 'string' then return c end
  if c.value then return c.value end
  local parts = {}
  for _, item in ipairs(c) do parts[#parts + 1] = type(item) == 'string' and item or item.value end
  return table.concat(parts, '\n')
end

--- Calls `condition` every `interval` ms until it returns true or `wait_ms` pass; returns
--- whether it held. Not vim.wait(ms, condition): our conditions make LSP requests, which
--- wait themselves, and nested waits overrun the outer deadline on Neovim 0.7.
local function poll(condition, interval)
  local deadline = vim.loop.hrtime() + wait_ms * 1e6
  while true do
    if condition() then return true end
    if vim.loop.hrtime() > deadline then return false end
    vim.wait(interval or 200)
  end
end

--- The LSP diagnostics on one line, as a code action request carries them.
local function line_diagnostics(bufnr, line)
  if vim.lsp.diagnostic.get_line_diagnostics then -- Neovim 0.7-0.9
    return vim.lsp.diagnostic.get_line_diagnostics(bufnr, line, {}, client_id)
  end
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr, { lnum = line })) do
    -- Byte columns are UTF-16 columns on the ASCII fixture line this is used on.
    list[#list + 1] = {
      range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
      message = d.message, severity = d.severity, code = d.code, source = d.source,
    }
  end
  return list
end

--- Runs `fn`, recording an error under `name` instead of stopping the other steps.
local function step(name, fn)
  local started = vim.loop.hrtime()
  local ok, err = pcall(fn)
  results.steps[#results.steps + 1] = {
    name = name, ok = ok, error = (not ok) and tostring(err) or nil,
    durationMs = math.floor((vim.loop.hrtime() - started) / 1e6),
  }
  -- Written after every step, so a runner that gives up still sees how far we got.
  pcall(write_results)
end

local function hover_until(bufnr, needle, delta, expect)
  local position = position_of(bufnr, needle, delta)
  local text = ''
  -- Polls: the first answer may come before the bibliography is indexed.
  poll(function()
    local result = request(bufnr, 'textDocument/hover', text_params(bufnr, position))
    text = hover_text(result)
    return expect == nil or text:lower():find(expect:lower(), 1, true) ~= nil
  end)
  return { position = position, text = text }
end

local function main()
  results.hover = {}

  step('diagnostics', function()
    local bufnr = open('manuscript-en.md')
    local line_of_unknown = position_of(bufnr, '@nosuchkey2020').line
    local function unknown_key()
      for _, d in ipairs(vim.diagnostic.get(bufnr)) do
        if d.code == 'citation.unknown-key' then return true end
      end
      return false
    end
    poll(unknown_key, 100)
    results.diagnostics = { expectedLine = line_of_unknown, items = {} }
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      table.insert(results.diagnostics.items, {
        line = d.lnum, col = d.col, code = code and tostring(code) or vim.NIL, message = d.message, source = d.source,
      })
    end
  end)

  step('hover-bibtex', function()
    local bufnr = open('manuscript-en.md')
    results.hover.bibtex = hover_until(bufnr, '@hirano2020', 3, 'Hirano')
  end)

  step('hover-csl-json', function()
    local bufnr = open('manuscript-en.md')
    results.hover.csljson = hover_until(bufnr, '@raskova2022', 3, 'Rašková')
  end)

  step('hover-chinese', function()
    -- A key after Chinese text: the UTF-16 character offset differs from the byte offset.
    local bufnr = open('manuscript-zh.md')
    results.hover.chinese = hover_until(bufnr, '@li2018', 3, 'Medical Science Monitor')
  end)

  step('hover-numeric', function()
    local bufnr = open('builtin-corpus.md')
    results.hover.numeric = hover_until(bufnr, '[16]', 1, 'identified (certain)')
  end)

  step('hover-term', function()
    local bufnr = open('manuscript-en.md')
    results.hover.term = hover_until(bufnr, 'gp130', 2, 'signal-transducing receptor subunit')
  end)

  step('code-action', function()
    local bufnr = open('quickfix.md')
    local position = position_of(bufnr, 'hiranno2020')
    local range = { start = position, ['end'] = { line = position.line, character = position.character + #'hiranno2020' } }
    local titles, last_error = {}, nil
    poll(function()
      -- Send the diagnostics Neovim holds for the line, as a client does for a quick fix.
      local diagnostics = line_diagnostics(bufnr, position.line)
      local result, err = request(bufnr, 'textDocument/codeAction', {
        textDocument = { uri = vim.uri_from_bufnr(bufnr) },
        range = range,
        context = { diagnostics = diagnostics, only = { 'quickfix' } },
      })
      last_error = err
      titles = {}
      for _, action in ipairs(result or {}) do titles[#titles + 1] = action.title end
      return #titles > 0 and #diagnostics > 0
    end)
    results.codeActions = { titles = titles, error = last_error }
  end)

  step('rename', function()
    local bufnr = open('manuscript-en.md')
    local position = position_of(bufnr, '@mace2016', 3)
    local result, err = request(bufnr, 'textDocument/rename', {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      position = position,
      newName = 'mace2016gut',
    })
    assert(result, 'no rename edit: ' .. tostring(err))
    -- What each edit would replace, read from the files on disk (the edit is not applied).
    local edits = {}
    local function add(uri, list)
      local lines = vim.fn.readfile(vim.uri_to_fname(uri))
      for _, e in ipairs(list) do
        local line = lines[e.range.start.line + 1] or ''
        local from = vim.str_byteindex(line, e.range.start.character, true)
        local to = vim.str_byteindex(line, e.range['end'].character, true)
        edits[#edits + 1] = {
          file = vim.fn.fnamemodify(vim.uri_to_fname(uri), ':t'),
          replaced = e.range.start.line == e.range['end'].line and line:sub(from + 1, to) or '(multi-line)',
          newText = e.newText,
        }
      end
    end
    for uri, list in pairs(result.changes or {}) do add(uri, list) end
    for _, change in ipairs(result.documentChanges or {}) do
      if change.edits then add(change.textDocument.uri, change.edits) end
    end
    results.rename = { edits = edits }
  end)

  step('completion', function()
    local bufnr = open('completion.md')
    local anchor = 'colorectal cancer '
    local position, line = position_of(bufnr, anchor, #anchor)
    -- Type `[@` at the end of the line, as a user would (the file is never written).
    vim.api.nvim_buf_set_text(bufnr, position.line, #line, position.line, #line, { '[@' })
    local at = { line = position.line, character = position.character + 2 }
    local labels = {}
    poll(function()
      local result = request(bufnr, 'textDocument/completion', {
        textDocument = { uri = vim.uri_from_bufnr(bufnr) },
        position = at,
        context = { triggerKind = 2, triggerCharacter = '@' },
      })
      local items = result and (result.items or result) or {}
      labels = {}
      for _, item in ipairs(items) do labels[#labels + 1] = item.label end
      return #labels > 0
    end)
    results.completion = { position = at, labels = labels }
    vim.cmd('silent! edit!')
  end)
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    local ok, err = pcall(main)
    if not ok then table.insert(results.errors, tostring(err)) end
    pcall(write_results)
    -- Stop the server cleanly so no node process outlives Neovim.
    pcall(vim.lsp.stop_client, vim.lsp.get_active_clients(), false)
    vim.wait(3000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
    vim.cmd(ok and 'qa!' or 'cquit! 1')
  end,
})
