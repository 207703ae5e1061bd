using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace InvitationKit.AspNetCore.Tests.Identity;

/// <summary>Identity's tables and nothing else.</summary>
internal sealed class IdentityOnlyContext(DbContextOptions<IdentityOnlyContext> options) : IdentityDbContext<IdentityUser>(options);
