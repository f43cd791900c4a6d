namespace Skiff.Tests.Shared;

/// <summary>Where the repository and the shared fixtures (../shared beside it) are, found from the test binary.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The read-only fixtures nobody here wrote: ../shared/fixtures beside the repository.</summary>
    public static string Fixtures => Path.GetFullPath(Path.Combine(Root, "..", "shared", "fixtures"));

    public static string Examples => Path.Combine(Root, "examples");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Skiff.slnx")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"no Skiff.slnx above {AppContext.BaseDirectory}");
    }
}
