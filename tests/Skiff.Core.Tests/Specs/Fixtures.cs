namespace Skiff.Core.Tests.Specs;

/// <summary>Where the shared fixtures are: ../shared/fixtures beside the repository root (the folder holding Skiff.slnx).</summary>
internal static class Fixtures
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Compose { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "fixtures", "compose"));

    public static string AwesomeCompose => Path.Combine(Compose, "awesome-compose");

    public static string ComposeGo => Path.Combine(Compose, "compose-go");

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Skiff.slnx")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"no Skiff.slnx above {AppContext.BaseDirectory}");
    }
}
