using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace InvitationKit.Samples.Web.Data;

/// <summary>The sample's own data: ASP.NET Core Identity's users. The kit's tables live beside them, in the same file.</summary>
public sealed class SampleDbContext(DbContextOptions<SampleDbContext> options) : IdentityDbContext<IdentityUser>(options);
