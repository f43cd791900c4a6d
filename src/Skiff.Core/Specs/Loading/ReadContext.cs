namespace Skiff.Core.Specs.Loading;

/// <summary>What the readers of one load share: diagnostics, variables, the repository root and the options.</summary>
internal sealed class ReadContext(Diagnostics diagnostics, VariableScope variables, string rootDirectory, bool checkFilesExist)
{
    public Diagnostics Diagnostics { get; } = diagnostics;

    public NodeReader Read { get; } = new(diagnostics);

    public VariableScope Variables { get; } = variables;

    /// <summary>The repository folder every path must stay inside.</summary>
    public string RootDirectory { get; } = rootDirectory;

    public bool CheckFilesExist { get; } = checkFilesExist;

    /// <summary>
    /// Services whose image, build or extends could not be read (already reported), so the validator
    /// does not add "has neither image nor build"; and whether an include failed, so it does not
    /// add "no services".
    /// </summary>
    public HashSet<string> ServicesWithBrokenSource { get; } = new(StringComparer.Ordinal);

    public bool IncompleteProject { get; set; }

    /// <summary>Every file read, in order, without repeats.</summary>
    public List<string> FilesRead { get; } = [];

    public void NoteFileRead(string fullPath)
    {
        if (!FilesRead.Contains(fullPath))
            FilesRead.Add(fullPath);
    }

    /// <summary>
    /// The absolute path of a file the loader itself reads (env_file, extends, include), or null
    /// with an error when it is not a usable path inside the repository.
    /// </summary>
    public string? ResolveReadablePath(YNode at, string keyPath, string baseDirectory, string path, string what)
    {
        if (RepositoryPaths.IsRemote(path))
        {
            Diagnostics.Error(at, keyPath, $"the {what} '{path}' is remote; remote resources need network access and are not supported, so keep the file in the repository");
            return null;
        }
        if (RepositoryPaths.Resolve(baseDirectory, path) is not { } full)
        {
            Diagnostics.Error(at, keyPath, $"cannot use the {what}: {RepositoryPaths.ExplainUnusable(path)}");
            return null;
        }
        if (!RepositoryPaths.IsInside(RootDirectory, full))
        {
            Diagnostics.Error(at, keyPath, $"the {what} '{path}' is outside the repository; Skiff reads only files inside the repository");
            return null;
        }
        return full;
    }

    public SourceFile SourceFor(string fullPath, string? baseDirectory = null) => SourceFile.For(RootDirectory, fullPath, baseDirectory);
}
