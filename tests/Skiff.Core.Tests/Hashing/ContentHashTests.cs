using Skiff.Core.Hashing;
using Skiff.Core.Specs;

namespace Skiff.Core.Tests.Hashing;

public sealed class ContentHashTests : IDisposable
{
    private readonly string _context = Directory.CreateTempSubdirectory("skiff-hash-").FullName;

    public ContentHashTests()
    {
        File.WriteAllText(Path.Combine(_context, "Dockerfile"), "FROM debian:bookworm-slim\nCOPY . /app\n");
        Directory.CreateDirectory(Path.Combine(_context, "src"));
        File.WriteAllText(Path.Combine(_context, "src", "app.py"), "print('hello')\n");
    }

    public void Dispose() => Directory.Delete(_context, recursive: true);

    private BuildSpec Build => new() { Context = _context };

    [Fact]
    public void Same_content_gives_the_same_hash() => Assert.Equal(ContentHash.OfBuild(Build), ContentHash.OfBuild(Build));

    [Fact]
    public void A_changed_file_changes_the_hash()
    {
        var before = ContentHash.OfBuild(Build);
        File.WriteAllText(Path.Combine(_context, "src", "app.py"), "print('bye')\n");
        Assert.NotEqual(before, ContentHash.OfBuild(Build));
    }

    [Fact]
    public void A_file_left_out_by_dockerignore_does_not_change_the_hash()
    {
        File.WriteAllText(Path.Combine(_context, ".dockerignore"), "*.log\n");
        var before = ContentHash.OfBuild(Build);
        File.WriteAllText(Path.Combine(_context, "debug.log"), "noise");
        Assert.Equal(before, ContentHash.OfBuild(Build));
    }

    [Fact]
    public void Build_args_and_target_are_part_of_the_hash()
    {
        var plain = ContentHash.OfBuild(Build);
        Assert.NotEqual(plain, ContentHash.OfBuild(Build with { Target = "prod" }));
        Assert.NotEqual(plain, ContentHash.OfBuild(Build with { Args = Build.Args.Add("V", "1") }));
    }

    [Fact]
    public void The_dockerfile_is_always_sent_even_when_ignored()
    {
        File.WriteAllText(Path.Combine(_context, ".dockerignore"), "Dockerfile\nsrc\n");
        var files = BuildContextFiles.List(_context, "Dockerfile").Select(e => e.RelativePath).ToList();
        Assert.Contains("Dockerfile", files);
        Assert.Contains(".dockerignore", files);
        Assert.DoesNotContain("src/app.py", files);
    }
}
