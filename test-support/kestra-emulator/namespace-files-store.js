// @ts-check
// The files of each namespace, as the two storage models Kestra has had keep them (checked on real
// 0.20.7, 1.0.3 and 1.3.0 servers with local storage):
// - `StorageFiles` (up to 1.1): the internal storage itself, a tree of folders and files. A move
//   renames a whole folder, needs the target's parent to exist, replaces a target file, and fails on
//   a missing source; directory sizes are the file system's (4096 on local storage).
// - `MetadataFiles` (from 1.2): a table of versioned entries over the storage (`/a.txt` v1, v2…,
//   folders as `/dir/`), deletions only marked. A move copies the matching entry alone (a folder's
//   children are left behind, out of every listing), refuses an existing target, and does nothing
//   for a missing source; directory sizes are 0.
// Paths are normalized, absolute (`/dir/a.txt`); the routes (namespace-files.js) do the decoding.

/**
 * @typedef {{ type: 'File' | 'Directory', size: number, fileName: string,
 *   lastModifiedTime: number, creationTime: number, metadata?: {} }} FileAttributes
 * @typedef {{ kind: 'missing' } | { kind: 'directory' } | { kind: 'file', bytes: Uint8Array }} Lookup
 * @typedef {{ kind: 'ok' } | { kind: 'missing' } | { kind: 'target-exists' }
 *   | { kind: 'no-target-parent' }} MoveResult
 */

/** `/a/b.txt` → `/a`; `/a` → `/`. @param {string} path */
export function parentOf(path) {
  const cut = path.lastIndexOf('/')
  return cut <= 0 ? '/' : path.slice(0, cut)
}

/** @param {string} path */
function nameOf(path) {
  return path.slice(path.lastIndexOf('/') + 1)
}

/** @param {string} path @param {string} folder */
function isInside(path, folder) {
  return folder === '/' ? path !== '/' : path.startsWith(`${folder}/`)
}

/**
 * @typedef {{ type: 'File' | 'Directory', bytes: Uint8Array, created: number, modified: number }} Node
 */

/** The internal storage of one namespace: a flat map of paths to folders and files. */
export class StorageFiles {
  /** @type {Map<string, Node>} */
  #nodes = new Map()

  /** @param {string} path @returns {Lookup} */
  lookup(path) {
    const node = this.#nodes.get(path)
    if (!node) return { kind: path === '/' ? 'directory' : 'missing' }
    return node.type === 'Directory' ? { kind: 'directory' } : { kind: 'file', bytes: node.bytes }
  }

  /** @param {string} path @returns {FileAttributes | undefined} */
  attributes(path) {
    if (path === '/') this.#ensureDirectory('/')
    const node = this.#nodes.get(path)
    return node && attributesOf(path === '/' ? '_files' : nameOf(path), node, 4096)
  }

  /** Children of a folder; undefined when it is no folder. @param {string} path */
  children(path) {
    if (path === '/') this.#ensureDirectory('/')
    if (this.#nodes.get(path)?.type !== 'Directory') return undefined
    return [...this.#nodes.entries()]
      .filter(([child]) => child !== path && parentOf(child) === path)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(
        ([child, node]) => /** @type {FileAttributes} */ (attributesOf(nameOf(child), node, 4096))
      )
  }

  /** Every file (not folder), path order. */
  files() {
    return [...this.#nodes.entries()]
      .filter(([, node]) => node.type === 'File')
      .map(([path, node]) => ({ path, bytes: node.bytes }))
      .sort((a, b) => (a.path < b.path ? -1 : 1))
  }

  /** @param {string} path @param {Uint8Array} bytes */
  put(path, bytes) {
    this.#ensureDirectory(parentOf(path))
    const now = Date.now()
    const before = this.#nodes.get(path)
    this.#nodes.set(path, { type: 'File', bytes, created: before?.created ?? now, modified: now })
  }

  /** @param {string} path */
  mkdir(path) {
    this.#ensureDirectory(path)
  }

  /** @param {string} from @param {string} to @returns {MoveResult} */
  move(from, to) {
    const source = this.#nodes.get(from)
    if (!source) return { kind: 'missing' }
    if (to !== '/' && this.#nodes.get(parentOf(to))?.type !== 'Directory' && parentOf(to) !== '/') {
      return { kind: 'no-target-parent' }
    }
    const moved = [...this.#nodes.entries()].filter(
      ([path]) => path === from || isInside(path, from)
    )
    for (const [path] of moved) this.#nodes.delete(path)
    for (const [path, node] of moved) this.#nodes.set(to + path.slice(from.length), node)
    return { kind: 'ok' }
  }

  /**
   * Deletes a file or a folder with its content, after the controller's cascade: it climbs while
   * the folder it stands in holds nothing else at any depth (for a folder, it starts from the
   * folder's own content), so the last file of a branch takes its empty folders along. Nothing
   * happens for a missing path.
   * @param {string} path
   */
  delete(path) {
    // Every path below the root, folders written with their trailing `/`.
    let all = [...this.#nodes.entries()]
      .filter(([existing]) => existing !== '/')
      .map(([existing, node]) => (node.type === 'Directory' ? `${existing}/` : existing))
    let target = all.includes(`${path}/`) ? `${path}/` : path
    while (target !== '/') {
      const folder = target.slice(0, target.lastIndexOf('/') + 1)
      if (folder === '/') break
      const inside = all.filter(
        existing => existing.length > folder.length && existing.startsWith(folder)
      )
      if (inside.length > 1) break
      all = all.filter(existing => !inside.includes(existing))
      target = folder.slice(0, -1)
    }
    const gone = target.replace(/\/$/, '')
    for (const existing of [...this.#nodes.keys()]) {
      if (existing === gone || isInside(existing, gone)) this.#nodes.delete(existing)
    }
  }

  /** @param {string} path */
  #ensureDirectory(path) {
    if (path !== '/') this.#ensureDirectory(parentOf(path))
    if (this.#nodes.has(path)) return
    const now = Date.now()
    this.#nodes.set(path, {
      type: 'Directory',
      bytes: new Uint8Array(0),
      created: now,
      modified: now
    })
  }
}

/**
 * @param {string} fileName
 * @param {Node} node
 * @param {number} directorySize
 * @param {boolean} [withMetadata]
 * @returns {FileAttributes}
 */
function attributesOf(fileName, node, directorySize, withMetadata = false) {
  return {
    type: node.type,
    size: node.type === 'File' ? node.bytes.byteLength : directorySize,
    fileName,
    lastModifiedTime: node.modified,
    creationTime: node.created,
    ...(withMetadata ? { metadata: {} } : {})
  }
}

/**
 * @typedef {{ path: string, version: number, deleted: boolean, bytes: Uint8Array,
 *   created: number, modified: number, written: number }} Entry
 *   `path` ends with `/` for a folder; `written` orders the listings (the table's own order).
 */

/** The metadata layer of 1.2+: versioned entries; the latest of each path counts. */
export class MetadataFiles {
  /** @type {Map<string, Entry[]>} path → versions, oldest first */
  #entries = new Map()
  #writes = 0

  /** @param {string} path @returns {Entry | undefined} the live entry of a file or folder */
  #live(path) {
    const entry = (this.#entries.get(path) ?? this.#entries.get(`${path}/`))?.at(-1)
    return entry && !entry.deleted ? entry : undefined
  }

  /** @param {string} path @param {number} [version] @returns {Lookup} */
  lookup(path, version) {
    const versions = this.#entries.get(path)
    const entry =
      version === undefined ? this.#live(path) : versions?.find(e => e.version === version)
    if (!entry || (version === undefined && entry.deleted)) return { kind: 'missing' }
    return entry.path.endsWith('/') ? { kind: 'directory' } : { kind: 'file', bytes: entry.bytes }
  }

  /** @param {string} path @returns {FileAttributes | undefined} */
  attributes(path) {
    if (path === '/') this.mkdir('/')
    const entry = this.#live(path)
    if (!entry) return undefined
    return this.#attributesOf(entry, path === '/' ? '_files' : nameOf(path))
  }

  /** Live children of a folder, in the table's order; undefined for a missing folder. @param {string} path */
  children(path) {
    if (path === '/') this.mkdir('/')
    if (!this.#live(path)) return undefined
    const prefix = path === '/' ? '/' : `${path}/`
    return this.#liveEntries()
      .filter(entry => entry.path !== prefix && parentOf(entry.path.replace(/\/$/, '')) === path)
      .map(entry => this.#attributesOf(entry, nameOf(entry.path.replace(/\/$/, ''))))
  }

  /** Live files, in the table's order. */
  files() {
    return this.#liveEntries()
      .filter(entry => !entry.path.endsWith('/'))
      .map(entry => ({ path: entry.path, bytes: entry.bytes }))
  }

  /** The versions of a file, deleted ones included, or undefined when it has none live. @param {string} path */
  versions(path) {
    const versions = this.#entries.get(path)
    if (!versions || versions.at(-1)?.deleted) return undefined
    return versions.map(entry => entry.version)
  }

  /** @param {string} path @param {Uint8Array} bytes */
  put(path, bytes) {
    this.#mkdirs(parentOf(path))
    const last = this.#entries.get(path)?.at(-1)
    this.#write(path, bytes, (last?.version ?? 0) + 1, last?.created)
  }

  /** @param {string} path */
  mkdir(path) {
    const key = path === '/' ? '/' : `${path}/`
    // A folder is saved again on each call, as version 1.
    this.#entries.set(key, [])
    this.#write(key, new Uint8Array(0), 1)
  }

  /** @param {string} from @param {string} to @returns {MoveResult} */
  move(from, to) {
    if (this.#live(to)) return { kind: 'target-exists' }
    const key = this.#entries.has(from) ? from : `${from}/`
    const versions = this.#entries.get(key)
    if (!versions) return { kind: 'ok' }
    this.#entries.delete(key)
    if (key.endsWith('/')) {
      this.#mkdirs(parentOf(to))
      this.mkdir(to)
    } else {
      for (const entry of versions) this.put(to, entry.bytes)
    }
    return { kind: 'ok' }
  }

  /**
   * Marks a file or folder deleted with everything under it, climbing first through parents that
   * hold nothing else. Kestra 1.3 counts a parent's children over all namespaces of the tenant
   * (its query has no namespace filter), hence `childrenElsewhere`.
   * @param {string} path
   * @param {(parentPath: string) => number} childrenElsewhere live entries under that parent path in
   *   the tenant's other namespaces
   */
  delete(path, childrenElsewhere) {
    let target = path
    for (;;) {
      const parent = parentOf(target)
      if (parent === '/') break
      const here = this.#liveEntries().filter(
        entry => parentOf(entry.path.replace(/\/$/, '')) === parent
      ).length
      if (here + childrenElsewhere(`${parent}/`) !== 1) break
      target = parent
    }
    for (const entry of this.#liveEntries()) {
      const plain = entry.path.replace(/\/$/, '')
      if (plain === target || isInside(plain, target)) {
        this.#write(entry.path, entry.bytes, entry.version, entry.created, true)
      }
    }
  }

  /** Live entries whose parent path is `parentPath` (`/dir/`), for another namespace's cascade. @param {string} parentPath */
  liveChildrenOf(parentPath) {
    const parent = parentPath === '/' ? '/' : parentPath.replace(/\/$/, '')
    return this.#liveEntries().filter(entry => parentOf(entry.path.replace(/\/$/, '')) === parent)
      .length
  }

  /** @param {string} path */
  #mkdirs(path) {
    if (path === '/' || this.#live(path)) return
    this.#mkdirs(parentOf(path))
    this.mkdir(path)
  }

  /**
   * @param {string} path @param {Uint8Array} bytes @param {number} version
   * @param {number} [created] @param {boolean} [deleted]
   */
  #write(path, bytes, version, created, deleted = false) {
    const now = Date.now()
    const versions = this.#entries.get(path) ?? []
    const entry = {
      path,
      version,
      deleted,
      bytes,
      created: created ?? now,
      modified: now,
      written: ++this.#writes
    }
    const at = versions.findIndex(existing => existing.version === version)
    if (at >= 0) versions[at] = entry
    else versions.push(entry)
    this.#entries.set(path, versions)
  }

  #liveEntries() {
    return [...this.#entries.values()]
      .map(versions => versions.at(-1))
      .filter(/** @returns {entry is Entry} */ entry => entry !== undefined && !entry.deleted)
      .filter(entry => entry.path !== '/')
      .sort((a, b) => a.written - b.written)
  }

  /** @param {Entry} entry @param {string} fileName @returns {FileAttributes} */
  #attributesOf(entry, fileName) {
    const node = {
      type: /** @type {'File' | 'Directory'} */ (entry.path.endsWith('/') ? 'Directory' : 'File'),
      bytes: entry.bytes,
      created: entry.created,
      modified: entry.modified
    }
    return attributesOf(fileName, node, 0, true)
  }
}

/** The files of every namespace of every tenant, in the storage model of the emulated version. */
export class NamespaceFiles {
  /** @type {Map<string, Map<string, StorageFiles | MetadataFiles>>} tenant → namespace → files */
  #tenants = new Map()

  /** @param {import('./versions.js').VersionProfile} profile */
  constructor(profile) {
    this.model = profile.nsFilesModel
  }

  /** @param {string} tenant @param {string} namespace */
  of(tenant, namespace) {
    let namespaces = this.#tenants.get(tenant)
    if (!namespaces) this.#tenants.set(tenant, (namespaces = new Map()))
    let files = namespaces.get(namespace)
    if (!files) {
      files = this.model === 'metadata' ? new MetadataFiles() : new StorageFiles()
      namespaces.set(namespace, files)
    }
    return files
  }

  /**
   * Live entries under `parentPath` in the tenant's namespaces other than `namespace`: Kestra 1.3's
   * delete cascade counts them (see MetadataFiles.delete).
   * @param {string} tenant @param {string} namespace @param {string} parentPath
   */
  childrenElsewhere(tenant, namespace, parentPath) {
    let count = 0
    for (const [other, files] of this.#tenants.get(tenant) ?? []) {
      if (other !== namespace && files instanceof MetadataFiles) {
        count += files.liveChildrenOf(parentPath)
      }
    }
    return count
  }
}
