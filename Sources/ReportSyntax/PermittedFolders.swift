import Foundation

/// The folders a description may read files from, and the rule every file it names obeys (pictures,
/// CSV files, fonts, templates): the path, symbolic links followed, stays inside one of the folders,
/// and names a regular, readable file — reading a pipe or a device could block forever.
public struct PermittedFolders {
    /// A folder files may come from, and how messages name it ("the description's folder").
    public struct Folder {
        public var path: String
        public var role: String

        public init(path: String, role: String) {
            self.path = path
            self.role = role
        }
    }

    /// The folders; relative paths start from the first.
    public let folders: [Folder]

    public init(_ folders: [Folder]) {
        precondition(!folders.isEmpty, "a relative path needs a folder to start from")
        self.folders = folders
    }

    /// Only the description's own folder.
    public init(descriptionFolder: String) {
        self.init([Folder(path: descriptionFolder, role: "the description's folder")])
    }

    /// The absolute path of the file `path` names (a `what`: "image", "CSV file"), or nil after
    /// reporting why it cannot be read. With `fileInFolder`, a path naming a folder means that file
    /// inside it (`template.yaml`).
    public func resolve(_ path: String, at location: SourceLocation, what: String, fileInFolder: String? = nil,
                        diagnostics: DiagnosticCollector) -> String? {
        let roots = folders.map { URL(fileURLWithPath: $0.path).standardizedFileURL.resolvingSymlinksInPath() }
        let start = roots[0]
        var url = (path.hasPrefix("/") ? URL(fileURLWithPath: path) : start.appendingPathComponent(path))
            .standardizedFileURL.resolvingSymlinksInPath()
        let described = zip(folders, roots).map { "\($0.role) \($1.path)" }.joined(separator: " and ")
        guard roots.contains(where: { url.path.hasPrefix($0.path.hasSuffix("/") ? $0.path : $0.path + "/") }) else {
            diagnostics.error(location, "the \(what) `\(path)` is outside \(described)",
                              hint: folders.count == 1 ? "copy it into that folder or one below it, and name it from there"
                                                       : "copy it into one of these folders or one below them, and name it from there")
            return nil
        }
        var isFolder: ObjCBool = false
        if let fileInFolder, FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            url = url.appendingPathComponent(fileInFolder)
            guard FileManager.default.fileExists(atPath: url.path) else {
                diagnostics.error(location, "the folder `\(path)` holds no `\(fileInFolder)`", hint: "name the \(what) file itself")
                return nil
            }
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            // A misspelt name: the nearest file in the folder the path points into.
            let siblings = (try? FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)) ?? []
            let writtenFolder = PathText.folder(of: path) as NSString
            let near = Suggestion.nearest(to: url.lastPathComponent, in: siblings)
                .map { "did you mean `\(writtenFolder.appendingPathComponent($0))`? " } ?? ""
            diagnostics.error(location, "the \(what) `\(path)` does not exist",
                              hint: "\(near)paths are relative to \(folders[0].role) \(start.path)")
            return nil
        }
        let type = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
        guard type == .typeRegular else {
            diagnostics.error(location, "the \(what) `\(path)` is \(type == .typeDirectory ? "a folder" : "not a regular file")",
                              hint: "name a file")
            return nil
        }
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            diagnostics.error(location, "the \(what) `\(path)` cannot be read", hint: "check its permissions")
            return nil
        }
        return url.path
    }
}
