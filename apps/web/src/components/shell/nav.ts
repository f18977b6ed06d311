import {
  Briefcase,
  Gauge,
  Handshake,
  Cable,
  Fingerprint,
  Lightbulb,
  CalendarClock,
  MessagesSquare,
  Newspaper,
  ScrollText,
  Search,
  Send,
  FileSearch,
  type LucideIcon,
  TrendingUp,
  ArrowRightLeft,
} from 'lucide-react';

export type NavItem = { href: string; label: string; icon: LucideIcon };
export type NavGroup = { label: string; items: NavItem[] };

/**
 * The sidebar, grouped by what a manager is doing (the control tower is an executive's home).
 * The project page needs a project, so the portfolio and the project menu open it rather than
 * the sidebar.
 */
export const NAV: NavGroup[] = [
  {
    label: 'Insights',
    items: [
      { href: '/control-tower', label: 'Control tower', icon: Gauge },
      { href: '/portfolio', label: 'Portfolio', icon: Briefcase },
      { href: '/recommendations', label: 'Recommendations', icon: Lightbulb },
      { href: '/digests', label: 'Digests', icon: Newspaper },
    ],
  },
  {
    label: 'Client work',
    items: [
      { href: '/conversations', label: 'Conversations', icon: MessagesSquare },
      { href: '/search', label: 'Search', icon: Search },
      { href: '/outbound', label: 'Outbound', icon: Send },
      { href: '/crm', label: 'CRM', icon: Handshake },
      { href: '/evidence', label: 'Evidence', icon: FileSearch },
      { href: '/upsell', label: 'Upsell radar', icon: TrendingUp },
      { href: '/continuity', label: 'Continuity', icon: ArrowRightLeft },
      { href: '/identity', label: 'Identity review', icon: Fingerprint },
    ],
  },
  {
    label: 'Operations',
    items: [
      { href: '/connectors', label: 'Connectors', icon: Cable },
      { href: '/jobs', label: 'Jobs', icon: CalendarClock },
    ],
  },
  {
    label: 'Governance',
    items: [{ href: '/audit', label: 'Audit trail', icon: ScrollText }],
  },
];
