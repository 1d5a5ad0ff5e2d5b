// Menu entries of the projects pages.
import type { NavItem } from "../../layout/AppLayout";

export const projectsNav: NavItem[] = [];
