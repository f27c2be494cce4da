/* gen_guests.c — fake guests for search tests and benchmarks (see gen_guests.h). */
#include "gen_guests.h"

#include <stdio.h>

void gen_rng_seed(GenRng *r, uint64_t seed)
{
    r->state = seed ? seed : 0x9E3779B97F4A7C15ULL;
}

uint64_t gen_rng_next(GenRng *r)
{
    /* xorshift64*: fast, and the same sequence on every machine. */
    uint64_t x = r->state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    r->state = x;
    return x * 2685821657736338717ULL;
}

size_t gen_rng_below(GenRng *r, size_t n)
{
    return (size_t)(gen_rng_next(r) % n);
}

static const char *const FIRST[] = {
    "Ana",     "María",     "José",    "Juan",     "Luis",    "Carmen",   "Sofía",   "Lucía",
    "Miguel",  "Javier",    "Andrés",  "Mónica",   "Raúl",    "Inés",     "Ángel",   "Héctor",
    "James",   "Mary",      "John",    "Patricia", "Robert",  "Jennifer", "Michael", "Linda",
    "David",   "Elizabeth", "William", "Barbara",  "Richard", "Susan",    "Joseph",  "Jessica",
    "Thomas",  "Sarah",     "Chris",   "Karen",    "Daniel",  "Nancy",    "Matthew", "Lisa",
    "Anthony", "Betty",     "Mark",    "Margaret", "Steven",  "Sandra",   "Paul",    "Ashley",
    "Andrew",  "Emily",     "Joshua",  "Donna",    "Kenneth", "Michelle", "Kevin",   "Dorothy",
    "Minh",    "Thảo",      "Nguyệt",  "Wei",      "Mei",     "Hiroshi",  "Yuki",    "Jiwoo",
    "Zoë",     "Chloé",     "Renée",   "François", "Björn",   "Søren",    "Łukasz",  "Zofia",
    "Aïsha",   "Fatima",    "Omar",    "Yusuf",    "Amara",   "Kwame",    "Chidi",   "Olumide",
    "Priya",   "Arjun",     "Ananya",  "Rahul",    "Dmitri",  "Olga",     "Ioana",   "Şebnem",
};

static const char *const LAST[] = {
    "García",   "Rodríguez", "Martínez",   "Hernández", "López",     "González", "Pérez",
    "Sánchez",  "Ramírez",   "Torres",     "Flores",    "Rivera",    "Gómez",    "Díaz",
    "Smith",    "Johnson",   "Williams",   "Brown",     "Jones",     "Miller",   "Davis",
    "Wilson",   "Anderson",  "Taylor",     "Thomas",    "Moore",     "Jackson",  "Martin",
    "Lee",      "Thompson",  "White",      "Harris",    "Clark",     "Lewis",    "Robinson",
    "Walker",   "Young",     "Allen",      "King",      "Wright",    "Scott",    "Green",
    "Nguyễn",   "Trần",      "Lê",         "Phạm",      "Kim",       "Park",     "Chen",
    "Wang",     "Tanaka",    "Suzuki",     "Müller",    "Schäfer",   "Dubois",   "Lefèvre",
    "Kowalski", "Nowak",     "Wiśniewski", "Øberg",     "Johansson", "Okafor",   "Mensah",
    "Adeyemi",  "Patel",     "Sharma",     "Singh",     "Ivanov",    "Popescu",  "Yılmaz",
    "Haddad",   "Khalil",    "Doyle",      "Murphy",    "Kelly",     "Byrne",    "Walsh",
};

static const char *const COMPANY_A[] = {
    "Acme",      "Valley",   "Summit",      "Riverside", "Pioneer",  "Cascade", "Evergreen",
    "Northside", "Lakeview", "Keystone",    "Redwood",   "Granite",  "Prairie", "Coastal",
    "Ironwood",  "Bluebird", "Cornerstone", "Heritage",  "Frontier", "Sunrise", "Maple",
    "Peña",      "Señora",   "Café",        "Hôtel",     "Königs",   "Golden",  "Liberty",
};

static const char *const COMPANY_B[] = {
    "Welding",       "Auto Repair",  "Health",     "Dental",    "Construction",
    "Electric",      "Plumbing",     "Bakery",     "Farms",     "Networks",
    "Software",      "Credit Union", "Hospital",   "Machining", "Landscaping",
    "HVAC",          "Child Care",   "Catering",   "Logistics", "Engineering",
    "Manufacturing", "Veterinary",   "Print Shop", "Insurance", "Architects",
};

static const char *const COMPANY_C[] = {"", "", "", "Inc", "LLC", "Co", "Group", "Services"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Skewed pick: the first entries are chosen far more often, as common names are. */
static const char *pick(GenRng *r, const char *const *list, size_t n)
{
    size_t a = gen_rng_below(r, n), b = gen_rng_below(r, n);
    return list[a < b ? a : b];
}

int gen_guest(Guest *g, size_t i, GenRng *r)
{
    char buf[256];
    snprintf(g->id, sizeof g->id, "%032zx", i);
    const char *first = pick(r, FIRST, COUNT(FIRST));
    const char *last = pick(r, LAST, COUNT(LAST));
    /* A few people with two surnames, as many Spanish speakers have. */
    char lastbuf[128];
    if (gen_rng_below(r, 10) == 0)
        snprintf(lastbuf, sizeof lastbuf, "%s %s", last, pick(r, LAST, COUNT(LAST)));
    else
        snprintf(lastbuf, sizeof lastbuf, "%s", last);
    if (guest_set(&g->first, first) != 0 || guest_set(&g->last, lastbuf) != 0)
        return -1;
    const char *c = COMPANY_C[gen_rng_below(r, COUNT(COMPANY_C))];
    snprintf(buf, sizeof buf, "%s %s%s%s", pick(r, COMPANY_A, COUNT(COMPANY_A)),
             COMPANY_B[gen_rng_below(r, COUNT(COMPANY_B))], *c ? " " : "", c);
    if (gen_rng_below(r, 20) == 0)
        buf[0] = '\0'; /* some guests come without a company */
    if (guest_set(&g->company, buf) != 0)
        return -1;
    snprintf(buf, sizeof buf, "guest%zu@example.com", i);
    if (guest_set(&g->email, buf) != 0)
        return -1;
    snprintf(buf, sizeof buf, "(555) %03zu-%04zu", i % 1000, (i * 7919) % 10000);
    if (guest_set(&g->phone, buf) != 0)
        return -1;
    snprintf(buf, sizeof buf, "%zu", 3000000000u + i);
    return guest_set(&g->code, buf);
}
