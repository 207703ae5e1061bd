using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>The EF Core store never touches the host's pending changes on the host's own scoped context.</summary>
public sealed class HostChangesTests
{
    [Fact]
    public Task Every_store_operation_leaves_the_hosts_tracked_changes_to_save() => EveryOperationAsync<HostContext>();

    /// <summary>A context with several constructors is built by DI's choice (the longest it can fill), not by a compiled factory.</summary>
    [Fact]
    public Task A_host_context_with_several_constructors_serves_the_store_too() => EveryOperationAsync<SeveralConstructorsContext>();

    /// <summary>A pooled factory (which registers the context too) passes the start-up checks and serves the store.</summary>
    [Fact]
    public Task A_pooled_context_factory_serves_the_store() => EveryOperationAsync<HostContext>(pooled: true);

    private static async Task EveryOperationAsync<TContext>(bool pooled = false)
        where TContext : DbContext
    {
        var path = Path.Combine(Path.GetTempPath(), $"invitationkit-host-{Guid.NewGuid():N}.db");
        var services = new ServiceCollection();
        if (pooled)
        {
            services.AddPooledDbContextFactory<TContext>(o => o.UseSqlite($"Data Source={path}"));
        }
        else
        {
            services.AddDbContext<TContext>(o => o.UseSqlite($"Data Source={path}"));
        }
        services.AddInvitationKit(o => (o.SecretKey, o.RateLimits, o.ResendCooldown) = (RandomNumberGenerator.GetBytes(32), InvitationRateLimitOptions.Unlimited(), Duration.Zero))
            .UseInMemoryPorts()
            .UseEntityFrameworkCore<TContext>();
        await using var provider = services.BuildServiceProvider();
        try
        {
            await using (var setup = provider.CreateAsyncScope())
            {
                var context = setup.ServiceProvider.GetRequiredService<TContext>();
                await InvitationKitSchema.ApplyAsync(context);
                await context.Database.ExecuteSqlRawAsync("CREATE TABLE notes (id INTEGER NOT NULL PRIMARY KEY, text TEXT NOT NULL)");
            }

            provider.GetRequiredService<InMemoryAccountDirectory>().Add(new AccountInfo("acme", "Acme"));
            var bob = provider.GetRequiredService<InMemoryUserDirectory>().AddUser("bob@example.com");
            await using var scope = provider.CreateAsyncScope();
            var host = scope.ServiceProvider.GetRequiredService<TContext>();
            var note = new Note { Id = 1, Text = "unsaved" };
            host.Add(note); // tracked, not saved, while the kit works on the same scope

            var kit = scope.ServiceProvider.GetRequiredService<IInvitationManager>();
            var owner = Actor.User("owner");
            Assert.True((await kit.AddFoundingOwnerAsync("acme", "owner")).Succeeded);
            var invited = (await kit.InviteAsync(owner, new InviteRequest("acme", "cloud", [new InviteRecipient("bob@example.com"), new InviteRecipient("new@example.com")]))).Value;
            var mailer = provider.GetRequiredService<CapturingMailer>();
            Assert.True((await kit.AcceptAsync(mailer.LastTo("bob@example.com").Secret, new SignedInIdentity(bob.Id, "bob@example.com", "password", EmailVerified: true))).Succeeded);
            var other = invited.Invitations[1].Id;
            Assert.True((await kit.ResendAsync(owner, other)).Succeeded);
            Assert.True((await kit.ChangeRolesAsync(owner, other, ["EDITOR"])).Succeeded);
            Assert.True((await kit.ListAsync(owner, new InvitationQuery("acme"))).Succeeded);
            Assert.False((await kit.ActivateAsync(new ActivationRequest("new@example.com", "000000", "a long enough password"))).Succeeded);
            Assert.True((await kit.RevokeAsync(owner, other)).Succeeded);
            Assert.True((await kit.ImportMembersAsync(new MemberImport("acme", [new ImportedMember("carol", ["VIEWER"])]))).Succeeded);
            Assert.True((await kit.RemoveMemberAsync(owner, "acme", "carol")).Succeeded);
            Assert.True((await kit.ExpireOverdueAsync()).Succeeded);
            await scope.ServiceProvider.GetRequiredService<IInvitationDispatcher>().DispatchAsync();

            Assert.Equal(EntityState.Added, host.Entry(note).State);
            Assert.Equal(1, await host.SaveChangesAsync());
            Assert.Equal("unsaved", (await host.Set<Note>().AsNoTracking().SingleAsync()).Text);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static void HostModel(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyInvitationKitModel();
        modelBuilder.Entity<Note>().ToTable("notes").Property(n => n.Id).ValueGeneratedNever();
    }

    private sealed class HostContext(DbContextOptions<HostContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => HostModel(modelBuilder);
    }

    private sealed class SeveralConstructorsContext : DbContext
    {
        public SeveralConstructorsContext(DbContextOptions<SeveralConstructorsContext> options)
            : base(options)
        {
        }

        public SeveralConstructorsContext(DbContextOptions<SeveralConstructorsContext> options, IClock clock)
            : base(options) => Clock = clock;

        public IClock? Clock { get; }

        protected override void OnModelCreating(ModelBuilder modelBuilder) => HostModel(modelBuilder);
    }

    private sealed class Note
    {
        public int Id { get; set; }

        public string Text { get; set; } = string.Empty;
    }
}
