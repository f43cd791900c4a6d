using Skiff.Core.Specs.Loading;

namespace Skiff.Core.Tests.Specs;

/// <summary>A pull request's spec cannot make Skiff read or mount host files, not even through symbolic links.</summary>
public class RepositoryBoundaryTests : IDisposable
{
    private readonly TempRepo _outside = new();

    public RepositoryBoundaryTests() =>
        _outside.Write("compose.yaml", "services:\n  web: {image: x}\n").Write("secret.env", "TOKEN=host-secret\n").Write("stolen.txt", "host");

    public void Dispose() => _outside.Dispose();

    [Fact]
    public void A_linked_compose_file_outside_is_refused()
    {
        using var repo = new TempRepo();
        File.CreateSymbolicLink(repo.PathOf("compose.yaml"), _outside.PathOf("compose.yaml"));
        SpecAssert.Error(repo.Load(), "compose.yaml:1:1: 'compose.yaml' leads outside the repository (through a symbolic link); Skiff reads only files inside the repository");
    }

    [Fact]
    public void A_linked_dot_env_outside_is_refused()
    {
        using var repo = new TempRepo();
        repo.Write("compose.yaml", "services:\n  web: {image: x}\n");
        File.CreateSymbolicLink(repo.PathOf(".env"), _outside.PathOf("secret.env"));
        SpecAssert.Error(repo.Load(), ".env:1:1: '.env' leads outside the repository (through a symbolic link); Skiff reads only files inside the repository");
    }

    [Fact]
    public void Linked_env_files_includes_and_secrets_outside_are_refused()
    {
        using var repo = new TempRepo();
        Directory.CreateSymbolicLink(repo.PathOf("host"), _outside.Root);
        repo.Write("compose.yaml", """
            include: [host/compose.yaml]
            services:
              app:
                image: x
                env_file: host/secret.env
                secrets: [stolen]
            secrets:
              stolen:
                file: host/stolen.txt
            """);
        SpecAssert.Errors(repo.Load(),
            "compose.yaml:1:11: include[0]: the included file 'host/compose.yaml' is outside the repository; Skiff reads only files inside the repository",
            "compose.yaml:5:15: services.app.env_file: the environment file 'host/secret.env' is outside the repository; Skiff reads only files inside the repository",
            "compose.yaml:9:11: secrets.stolen.file: the secret file 'host/stolen.txt' is outside the repository; keep it inside the repository");
    }

    [Fact]
    public void A_root_directory_widens_the_boundary_for_files_in_subfolders()
    {
        using var repo = new TempRepo();
        repo.Write("shared/base.yaml", "services:\n  base: {image: x}\n")
            .Write("apps/web/compose.yaml", "services:\n  web:\n    extends: {file: ../../shared/base.yaml, service: base}\n");
        var alone = SpecLoader.LoadFile(repo.PathOf("apps/web/compose.yaml"), TempRepo.NoVariables);
        Assert.Contains("is outside the repository", Assert.Single(alone.Errors).Message);
        var rooted = SpecLoader.LoadFile(repo.PathOf("apps/web/compose.yaml"), TempRepo.NoVariables with { RootDirectory = repo.Root });
        Assert.True(rooted.Succeeded, string.Join("\n", rooted.Errors));
        Assert.Equal("web", rooted.Spec!.Name);
        SpecAssert.Error(SpecLoader.Load(repo.PathOf("apps"), TempRepo.NoVariables with { RootDirectory = repo.PathOf("shared") }),
            $"the folder '{repo.PathOf("apps")}' is not inside the repository root '{repo.PathOf("shared")}' given in SpecLoadOptions.RootDirectory");
    }
}
