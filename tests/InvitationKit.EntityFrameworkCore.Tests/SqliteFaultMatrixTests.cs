using InvitationKit.Tests.Faults;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace InvitationKit.EntityFrameworkCore.Tests;

/// <summary>The fault matrix on the EF Core store over a SQLite file: a database per fault.</summary>
public sealed class SqliteFaultMatrixTests(ITestOutputHelper output) : FaultMatrixTests(output)
{
    protected override async Task<(Action<IServiceCollection> AddStore, IAsyncDisposable? Database)> NewDatabaseAsync()
    {
        var database = await TestDatabase.CreateAsync(InvitationKitDatabase.Sqlite);
        return (services =>
        {
            services.AddDbContext<InvitationKitDbContext>(o => database.Configure(o));
            services.AddInvitationKit().UseEntityFrameworkCore<InvitationKitDbContext>();
        }, database);
    }
}
