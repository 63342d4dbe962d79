#!/usr/bin/env node
// Sanad's sync server: the maintained y-websocket server utilities (@y/websocket-server, pinned)
// behind a room-secret check. Nothing here parses or merges documents: Yjs does.
//
//   URL      ws://HOST:PORT/<project>/<room>?s=<secret>
//            <project>: 8-64 of [A-Za-z0-9_-] (random, made by the app); <room>: "_project" or a
//            document id, percent-encoded. Each room is one Yjs document.
//   HOST     address to listen on (default 127.0.0.1: loopback only; put a TLS proxy in front
//            to serve others, see README)
//   PORT     default 1234
//   YPERSISTENCE  folder for the LevelDB store (read by @y/websocket-server itself); without it
//            rooms live in memory only. The project secrets' hashes are kept there too.
//   DEFLATE  "0" turns permessage-deflate off.
//
// Access: the first connection to a project registers sha256(secret) (trust on first use: a
// project id is random and unguessable); every later connection to any room of the project must
// present the same secret, at least 32 characters. A refused connection is logged (address, path,
// reason; never the query, which holds the secret) and, since a browser cannot read an HTTP 401
// on a WebSocket upgrade, accepted only to be told: a y-protocols auth message "permission
// denied" with the reason, then close code 4401.

import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import * as encoding from 'lib0/encoding'
import { WebSocketServer } from 'ws'
import { setupWSConnection } from '@y/websocket-server/utils'

const host = process.env.HOST || '127.0.0.1'
const port = Number.parseInt(process.env.PORT || '1234', 10)
const dir = process.env.YPERSISTENCE || null
const secretsFile = dir ? path.join(dir, 'sanad-secrets.json') : null
const PROJECT = /^[A-Za-z0-9_-]{8,64}$/
const MIN_SECRET = 32
const CLOSE_REFUSED = 4401
const MESSAGE_AUTH = 2
const PERMISSION_DENIED = 0

const log = (level, msg) => console[level](`${new Date().toISOString()} ${msg}`)

/** project id -> hex sha256 of its secret */
const secrets = new Map()
if (secretsFile && fs.existsSync(secretsFile)) {
  for (const [k, v] of Object.entries(JSON.parse(fs.readFileSync(secretsFile, 'utf8')))) secrets.set(k, v)
}
const saveSecrets = () => {
  if (!secretsFile) return
  fs.mkdirSync(dir, { recursive: true })
  const tmp = `${secretsFile}.tmp`
  fs.writeFileSync(tmp, JSON.stringify(Object.fromEntries(secrets)))
  fs.renameSync(tmp, secretsFile)
}
const sha256 = (s) => crypto.createHash('sha256').update(s, 'utf8').digest()

/** The room of a request path, or the reason it is not one. */
const roomOf = (pathname) => {
  const parts = pathname.split('/')
  if (parts.length !== 3 || parts[0] !== '') return { reason: 'bad room path' }
  const [, project, encoded] = parts
  if (!PROJECT.test(project)) return { reason: 'bad project id' }
  let room
  try { room = decodeURIComponent(encoded) } catch { return { reason: 'bad room name' } }
  // eslint-disable-next-line no-control-regex
  if (room.length === 0 || room.length > 512 || /[\u0000-\u001f\u007f/]/.test(room)) return { reason: 'bad room name' }
  return { project, name: `${project}/${room}` }
}

const wss = new WebSocketServer({
  noServer: true,
  maxPayload: 64 * 1024 * 1024,
  perMessageDeflate: process.env.DEFLATE !== '0'
})
wss.on('connection', (conn, req, docName) => setupWSConnection(conn, req, { docName }))

const refuse = (req, socket, head, reason) => {
  log('warn', `refused ${req.socket.remoteAddress} ${(req.url || '').split('?')[0]}: ${reason}`)
  wss.handleUpgrade(req, socket, head, (ws) => {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, MESSAGE_AUTH)
    encoding.writeVarUint(e, PERMISSION_DENIED)
    encoding.writeVarString(e, reason)
    ws.send(encoding.toUint8Array(e), () => ws.close(CLOSE_REFUSED, reason))
  })
}

const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
  res.end('sanad sync server\n')
})

server.on('upgrade', (req, socket, head) => {
  const url = new URL(req.url || '/', 'http://localhost')
  const room = roomOf(url.pathname)
  if (!room.name) return refuse(req, socket, head, room.reason)
  const secret = url.searchParams.get('s') || ''
  if (secret.length < MIN_SECRET) return refuse(req, socket, head, 'missing or short secret')
  const given = sha256(secret)
  const known = secrets.get(room.project)
  if (known === undefined) {
    secrets.set(room.project, given.toString('hex'))
    saveSecrets()
    log('info', `registered project ${room.project}`)
  } else if (!crypto.timingSafeEqual(Buffer.from(known, 'hex'), given)) {
    return refuse(req, socket, head, 'wrong secret')
  }
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req, room.name))
})

const stop = (signal) => {
  log('info', `${signal}: closing`)
  for (const ws of wss.clients) ws.close(1001, 'server stopping')
  server.close(() => process.exit(0))
  setTimeout(() => process.exit(0), 2000).unref()
}
process.on('SIGINT', () => stop('SIGINT'))
process.on('SIGTERM', () => stop('SIGTERM'))

server.listen(port, host, () => {
  const a = server.address()
  log('info', `sanad sync server on ws://${host}:${typeof a === 'object' && a ? a.port : port}${dir ? `, persisting to ${dir}` : ', in memory only'}`)
})
